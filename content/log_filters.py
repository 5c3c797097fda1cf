import logging


class ClientErrorsAreWarnings(logging.Filter):
    """Log what a client got wrong as a warning, not an error.

    Django logs a suspicious request (too many parameters, a bad Host) at error level although
    it answers 400, and every 5xx at error level, including the 501 that oEmbed's protocol
    prescribes for a format the site does not offer. Errors stay for the server's own faults.
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and (400 <= status < 500 or status == 501):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
