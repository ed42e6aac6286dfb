namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// The time zones a store may pick: Brazil's (IANA ids, as the engines and the scheduler read them), with the places
/// each covers in pt-BR. The store's nightly recomputations run at its hours in its zone, and its calendar days (daily
/// sales, the day's routes) are its zone's.
/// </summary>
public static class StoreTimeZones
{
    public const string Default = "America/Sao_Paulo";

    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        ("America/Noronha", "UTC−2 · Fernando de Noronha"),
        ("America/Sao_Paulo", "UTC−3 · Brasília (Sul, Sudeste, GO, DF)"),
        ("America/Bahia", "UTC−3 · Bahia"),
        ("America/Fortaleza", "UTC−3 · Ceará, Maranhão, Piauí, Rio Grande do Norte, Paraíba"),
        ("America/Recife", "UTC−3 · Pernambuco"),
        ("America/Maceio", "UTC−3 · Alagoas, Sergipe"),
        ("America/Araguaina", "UTC−3 · Tocantins"),
        ("America/Belem", "UTC−3 · Pará (leste), Amapá"),
        ("America/Santarem", "UTC−3 · Pará (oeste)"),
        ("America/Campo_Grande", "UTC−4 · Mato Grosso do Sul"),
        ("America/Cuiaba", "UTC−4 · Mato Grosso"),
        ("America/Manaus", "UTC−4 · Amazonas (leste)"),
        ("America/Porto_Velho", "UTC−4 · Rondônia"),
        ("America/Boa_Vista", "UTC−4 · Roraima"),
        ("America/Rio_Branco", "UTC−5 · Acre"),
        ("America/Eirunepe", "UTC−5 · Amazonas (oeste)"),
    ];

    public static bool IsKnown(string? id) => All.Any(z => z.Id == id);
}
