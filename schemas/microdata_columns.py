"""The microdata columns and codes (docs/microdata.md), without Pandera: the engines (pipelines/microdata) need the
lists, and importing them must stay cheap for `isoc microdata estimate`. schemas/microdata.py states the contract on
top of these."""

SEX_CODES = ("F", "M")
URBANISATION_CODES = ("U", "R")
ANSWER_CODES = (0, 1)            # 1 yes, 0 no; empty = not asked (outside the question's scope)
MAX_AGE = 120
SURVEY_KEY = ["ref_area", "time_period", "survey"]     # one survey round; strata and PSUs never cross it
PERSON_QUESTIONS = ["internet_3m", "owns_mobile", "skill_cmfl", "skill_copa", "skill_email", "skill_arsp", "skill_inst",
                    "skill_soft", "skill_eprs", "skill_traf", "skill_pcpr", "skill_prvcy", "skill_vrfy"]
HOUSEHOLD_QUESTIONS = ["hh_computer", "hh_internet"]
ANSWERS = PERSON_QUESTIONS + HOUSEHOLD_QUESTIONS
HOUSEHOLD_FIELDS = ["household_weight", "stratum", "psu", "urbanisation", *HOUSEHOLD_QUESTIONS]
REQUIRED = ["ref_area", "time_period", "survey", "person_id", "household_id", "person_weight", "household_weight",
            "stratum", "psu", "sex", "age", "urbanisation"]
COLUMNS = REQUIRED + PERSON_QUESTIONS + HOUSEHOLD_QUESTIONS

# How each column may be stored (the DuckDB type families a Parquet column may read as). Numbers may be integers or
# floats: Stata and SPSS keep every numeric variable as a double. A column stored otherwise is a file error naming
# it, where the engines would fail on it with a type error of their own (an answer stored as true/false, a sex coded
# as a number). A column with no value at all (Parquet's null type) is accepted anywhere.
TEXT, NUMBER = "text", "a number"
STORAGE = {**{c: (TEXT,) for c in ("ref_area", "survey", "sex", "urbanisation")},
           **{c: (NUMBER,) for c in ("time_period", "age", "person_weight", "household_weight", *ANSWERS)},
           **{c: (TEXT, NUMBER) for c in ("person_id", "household_id", "stratum", "psu")}}
