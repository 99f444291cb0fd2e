SELECT * FROM idi_structure ORDER BY edition, pillar, indicator
