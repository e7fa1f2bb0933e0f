-- Dagster's run and event storage lives beside the application database.
CREATE DATABASE dagster OWNER pipeline;
