-- 0003: the format a data file was uploaded as (TableCSV, NumericMatrixTSV, GCT, Raw, ...), so a
-- `raw_test` download (the gzip copy of the upload) is named and typed as what was uploaded
-- (.csv, .tsv, .gct). NULL for files from before this column and for virtual files.
ALTER TABLE datafiles ADD COLUMN upload_format TEXT;
