namespace BaseCommerce.Identity.Accounts;

/// <summary>An admin operation refused for a reason the operator can fix; the message is pt-BR and shown as is.</summary>
public sealed class AccountsException(string message) : Exception(message);
