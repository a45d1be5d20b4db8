#!/bin/sh
# Stands in for the facilitator's editor: Vite's open-in-editor runs $LAUNCH_EDITOR
# with the file it was asked to open. The test reads the log to see whether it ran.
echo "$@" >> "$FAKE_EDITOR_LOG"
