namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>What a person typed in a search box, made safe for ILIKE (their % and _ match themselves), and its digits.</summary>
public readonly record struct SearchTerm(string Like, string Digits)
{
    public static SearchTerm Of(string text) =>
        new("%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%", new string(text.Where(char.IsAsciiDigit).ToArray()));
}

/// <summary>The searches that lists, the wizard and the API share.</summary>
public static class Searches
{
    /// <summary>Customers by name, or by document digits; with <paramref name="email"/>, by e-mail too.</summary>
    public static IQueryable<Customer> Matching(this IQueryable<Customer> query, SearchTerm term, bool email = false)
    {
        var (like, digits) = term;
        return query.Where(c => EF.Functions.ILike(c.Name, like) || (email && c.Email != null && EF.Functions.ILike(c.Email, like)) ||
                                (digits.Length > 0 && c.Document.Contains(digits)));
    }

    /// <summary>Products by name or code; with <paramref name="description"/>, by description too.</summary>
    public static IQueryable<Product> Matching(this IQueryable<Product> query, SearchTerm term, bool description = false)
    {
        var like = term.Like;
        return query.Where(p => EF.Functions.ILike(p.Name, like) || (p.Code != null && EF.Functions.ILike(p.Code, like)) ||
                                (description && p.Description != null && EF.Functions.ILike(p.Description, like)));
    }
}
