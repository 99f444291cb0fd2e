-- The chosen plans (choices.sql), for the notes and the arithmetic engine.py writes.
SELECT *
FROM basket_chosen
