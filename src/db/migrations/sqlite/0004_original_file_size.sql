-- 0004: the size in bytes of the uploaded original of an s3 data file, as received (before any
-- conversion), shown beside each file. NULL for files from before this column and for virtual
-- files (they show their real file's size).
ALTER TABLE datafiles ADD COLUMN original_file_size BIGINT;
ALTER TABLE upload_session_files ADD COLUMN original_file_size BIGINT;
