SELECT file, format, sha256, vintage, rows_read, rows_staged, rows_quarantined, rows_excluded,
       rows_superseded, file_errors, balanced
FROM ingest_files
ORDER BY file
