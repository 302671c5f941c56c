from kg.cli import cli

cli()
