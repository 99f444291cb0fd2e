"""Releases are dynamic partitions: a release exists once its manifest does."""
import dagster as dg

releases = dg.DynamicPartitionsDefinition(name="release")
