#!/usr/bin/env bash
# Sets up and starts VLog: ffmpeg, npm dependencies, build, migrations, all roles + local worker.
# Embedded database in ./data unless VLOG_DATABASE_URL is set. Extra args go to `vlog serve`.
source "$(dirname "$0")/lib.sh"
apt_install ffmpeg ffmpeg
node_deps
build
exec node bin/vlog.js serve "$@"
