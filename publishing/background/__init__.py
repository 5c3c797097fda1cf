"""The records of the work done in the background (publishing/tasks.py): scheduled
publications, the rendering of a release, the workers seen lately. An app of its own, so
that its tables migrate apart from publishing's."""
