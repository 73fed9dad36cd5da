"""The runs behind the commands: requests in; read -> analyse (cached) -> assemble -> compare -> render -> write, a `Brief` out."""
