#!/usr/bin/env bash
# Installs the project-local Spark used by the "spark" vitest project, the Spark Connect benchmark and the
# proto generation of @flyte-ts/spark-connect: pyspark[connect] (which carries Spark's jars, among them
# spark-connect_2.13-<v>.jar with the .proto files) into .engines/spark/venv at the repository root, and
# Java 17 from Debian when no `java` is on PATH. Idempotent: a venv that already imports the pinned pyspark
# is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"
venv=.engines/spark/venv
python="${PYTHON:-python3}"

if ! command -v java >/dev/null 2>&1; then
  echo "engines/spark: java not found; installing openjdk-17-jre-headless" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

if [ -x "$venv/bin/python" ] && [ "$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null)" = "$PYSPARK_VERSION" ]; then
  echo "engines/spark: $venv already has pyspark $PYSPARK_VERSION" >&2
  exit 0
fi
command -v "$python" >/dev/null 2>&1 || { echo "engines/spark: $python not found; install Python 3.10+ (apt-get install -y python3 python3-venv)" >&2; exit 1; }
mkdir -p .engines/spark
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark[connect]==${PYSPARK_VERSION}"
echo "engines/spark: installed pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)') into $(pwd)/$venv" >&2
