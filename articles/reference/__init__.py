"""The reference content: curated files in reference/, read, checked and stored by
`manage.py load_reference`. See reference/README.md for the file layout."""
