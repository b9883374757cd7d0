"""A ``cancu`` run that stops inside a save, for the tests of interrupted writes.

``python -c KILL_AT_FSYNC MARKER NAME cancu-args...`` runs the CLI; when it is about to
fsync a temp file of ``NAME`` (``.NAME.*.tmp``: the graph or its journal, written but not
yet renamed into place), it creates ``MARKER`` and sleeps, so the test can kill it there.
"""
import textwrap

KILL_AT_FSYNC = textwrap.dedent("""
    import os, sys, time
    marker, name = sys.argv[1], sys.argv[2]
    real_fsync = os.fsync
    def slow_fsync(fd):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if os.path.basename(target).startswith("." + name + "."):
            open(marker, "w").close()  # the new file is written in its temp file: kill me now
            time.sleep(120)
        return real_fsync(fd)
    os.fsync = slow_fsync
    from cancu.cli import cli
    cli(sys.argv[3:], prog_name="cancu")
""")
