"""Python code that moves a fresh process's clock a day and three seconds ahead.

Put in front of the code a test runs with ``python -c``: ``time.time``, ``time.time_ns``,
``time.localtime``/``gmtime``/``strftime`` without a time, and ``datetime.datetime.now``/
``utcnow``/``today`` then say the next day (another date in every time zone, another two-second
zip time). A test that two processes give the same bytes "later" no longer has to wait.
"""

from __future__ import annotations

LATER_BY_A_DAY = """
import datetime as _datetime, time as _time
_SHIFT = 86400 + 3.0
_real_time, _real_ns = _time.time, _time.time_ns
_real_local, _real_gm, _real_strftime = _time.localtime, _time.gmtime, _time.strftime
_time.time = lambda: _real_time() + _SHIFT
_time.time_ns = lambda: _real_ns() + int(_SHIFT * 1e9)
_time.localtime = lambda secs=None: _real_local(_time.time() if secs is None else secs)
_time.gmtime = lambda secs=None: _real_gm(_time.time() if secs is None else secs)
_time.strftime = lambda fmt, t=None: _real_strftime(fmt, _time.localtime() if t is None else t)
class _Later(_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return _datetime.datetime.fromtimestamp(_time.time(), tz)
    @classmethod
    def utcnow(cls):
        utc = _datetime.timezone.utc
        return _datetime.datetime.fromtimestamp(_time.time(), utc).replace(tzinfo=None)
    @classmethod
    def today(cls):
        return cls.now()
_datetime.datetime = _Later
"""
