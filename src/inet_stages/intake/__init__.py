"""Import: rows of workbooks, CSV files and online forms turned into offer files."""
