namespace BaseCommerce.Testing;

/// <summary>Fresh valid Brazilian documents for test rows, so unique indexes never collide across tests or runs.</summary>
public static class TestDocuments
{
    static int _seed = Random.Shared.Next(1, 90_000_000);

    /// <summary>A valid CNPJ (check digits computed), 14 digits.</summary>
    public static string Cnpj()
    {
        var root = (Interlocked.Increment(ref _seed) % 100_000_000).ToString("D8") + "0001";
        var first = Digit(root, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        return root + first + Digit(root + first, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    }

    /// <summary>A valid CPF (check digits computed), 11 digits.</summary>
    public static string Cpf()
    {
        var root = (Interlocked.Increment(ref _seed) % 1_000_000_000).ToString("D9");
        var first = Digit(root, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
        return root + first + Digit(root + first, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    }

    static int Digit(string digits, int[] weights)
    {
        var rest = digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
