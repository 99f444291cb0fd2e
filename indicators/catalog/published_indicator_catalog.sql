SELECT * FROM indicator_catalog ORDER BY kind, code
