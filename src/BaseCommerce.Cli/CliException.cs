namespace BaseCommerce.Cli;

/// <summary>A failure the user can act on: its message is printed as is, and basec exits non-zero.</summary>
internal sealed class CliException(string message) : Exception(message);
