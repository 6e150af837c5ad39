"""Corpus mode: many articles from files, WARC and tables into one DuckDB (or Parquet) corpus.

`records` is what readers yield, `schema` the tables, `rows` turns records into table rows
through the Analyzer, `store` writes them resumably; `local` and `ray_engine` run the analysis
on one machine or a Ray cluster.
"""
