"""Pandera models: one per raw format (schemas.raw), one per staged table, one per published table."""
