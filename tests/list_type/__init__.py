"""A kind of list item that is not in the project (a role's certifications): the app the
list-type test adds, as a developer would add one (articles/parts.py, DESIGN.md)."""
