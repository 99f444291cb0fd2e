"""Codelists stated in code: the tariff-plan codes the raw contract checks, the staged table holds and the basket
engine reads. (Codelists of the observation, such as SEX or NATURE, are data: pipelines/reference/codelists.csv.)"""

PLAN_TYPES = ("prepaid", "postpaid", "addon")
SERVICES = ("mobile", "fixed_broadband", "fixed_telephone")
TECHNOLOGIES = ("2G", "3G", "4G", "5G")   # in order: a technology floor admits its own and every later one
AGE_PATTERN = r"_T|Y\d+T\d+|Y_GE\d+|Y_LT\d+"   # the SDMX age codes a staged observation may carry
BREAKDOWN_PATTERN = r"_T|[A-Z0-9_]+"
FLAGS = {"true": True, "false": False, "y": True, "n": False, "yes": True, "no": False}   # the workbook offers Y/N
