#!/usr/bin/env bash
# Sets up and starts VLog: ffmpeg, PocketSphinx, npm dependencies, build, migrations, all roles + local worker.
# Embedded database in ./data unless VLOG_DATABASE_URL is set. Extra args go to `vlog serve`.
source "$(dirname "$0")/lib.sh"
apt_install ffmpeg ffmpeg
# The default transcription engine (English, no model download): PocketSphinx and its US English model.
apt_install pocketsphinx_continuous pocketsphinx pocketsphinx-en-us
node_deps
build
exec node bin/vlog.js serve "$@"
