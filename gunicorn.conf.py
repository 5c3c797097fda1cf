"""gunicorn's settings for every server started from the project folder (gunicorn reads
./gunicorn.conf.py): scripts/serve (make serve), bench/ and the tests that start servers.

No control socket. gunicorn 25.1 and later open one at a fixed path per user
($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl): a second server on the same
machine took it over, and the first to stop deleted it from under the other.
"""

control_socket_disable = True
