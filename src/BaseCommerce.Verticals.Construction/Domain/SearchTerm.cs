namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>What a person typed in a search box, made safe for ILIKE (their % and _ match themselves), and its digits.</summary>
public readonly record struct SearchTerm(string Like, string Digits)
{
    public static SearchTerm Of(string text) =>
        new("%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%", new string(text.Where(char.IsAsciiDigit).ToArray()));
}
