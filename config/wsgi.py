import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# A reader's request (a stored page) takes well under a millisecond; an editor's admin page
# can take half a second. Threads of one process take turns holding the interpreter every
# 5 ms by default, so a reader waiting behind an editor waits in 5 ms steps; a shorter turn
# keeps readers' latency low while editors work.
sys.setswitchinterval(0.0005)

application = get_wsgi_application()
