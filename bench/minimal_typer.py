"""The reference point for start-up: a minimal Typer app, one command, one str argument."""

import typer

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    print(name)


if __name__ == "__main__":
    app()
