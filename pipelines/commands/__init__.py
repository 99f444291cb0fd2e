"""Subcommands of `isoc`, one module each (see pipelines/cli.py)."""
