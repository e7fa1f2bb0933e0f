# One image for the user code, the webserver and the daemon (docker-compose.yml picks the command).
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1 DAGSTER_HOME=/opt/dagster/home
WORKDIR /opt/pipeline

COPY pyproject.toml README.md constraints.txt ./
COPY pipeline ./pipeline
COPY sql ./sql
COPY config ./config
RUN pip install -c constraints.txt -e . \
    && mkdir -p "$DAGSTER_HOME"
COPY dagster.yaml "$DAGSTER_HOME/dagster.yaml"
COPY docker/workspace.yaml "$DAGSTER_HOME/workspace.yaml"
