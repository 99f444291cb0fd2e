-- The tariff plans the basket engine prices (engine.py), with their place in the table (rowid: the order they were
-- staged in); ties between plans fall back on it.
SELECT rowid AS plan_row, *
FROM tariff_plans
