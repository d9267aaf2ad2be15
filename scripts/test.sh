#!/usr/bin/env bash
# Sets up and runs the whole test suite: typecheck, lint, format check, unit/integration/e2e tests.
# Needs PostgreSQL at 127.0.0.1:5432 (trust auth) — override with VLOG_TEST_POSTGRES_URL.
source "$(dirname "$0")/lib.sh"
apt_install ffmpeg ffmpeg
# The default transcription engine (English, no model download): PocketSphinx and its US English model.
apt_install pocketsphinx_continuous pocketsphinx pocketsphinx-en-us
# Speech for the transcription tests and bench.
apt_install flite flite
apt_install chromium chromium
node_deps
build
echo "==> typecheck"; npm run --silent check
echo "==> lint"; npm run --silent lint
echo "==> format"; npm run --silent format:check
echo "==> tests"; npx vitest run "$@"
