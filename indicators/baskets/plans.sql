-- The tariff plans the basket engine prices (engine.py), numbered in their table's order: ties between plans fall
-- back on it (the release database reads a table in one thread, in its rows' order).
SELECT row_number() OVER () AS plan_row, *
FROM tariff_plans
