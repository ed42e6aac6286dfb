using Microsoft.AspNetCore.Identity;

namespace BaseCommerce.Identity.Accounts.Users;

/// <summary>ASP.NET Core Identity's errors in pt-BR, as the admin commands and pages show them.</summary>
public sealed class PortugueseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"A senha precisa ter pelo menos {length} caracteres." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "A senha precisa ter pelo menos um número." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "A senha precisa ter pelo menos uma letra minúscula." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "A senha precisa ter pelo menos uma letra maiúscula." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "A senha precisa ter pelo menos um símbolo (por exemplo @, # ou !)." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"A senha precisa ter pelo menos {uniqueChars} caracteres diferentes." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"O e-mail '{email}' é inválido." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Já existe um usuário com o e-mail '{email}' nesta loja." };
    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);
    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "O usuário foi alterado por outra pessoa; tente de novo." };
}
