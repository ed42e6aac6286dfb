namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>
/// Text from the query string (<c>search</c>, <c>status_filter</c>, …) under the same rules as text in a body: at most
/// <see cref="Limits.Search"/> characters, no control characters. PostgreSQL refuses a NUL in any text, so without this a
/// <c>?search=%00</c> would reach it and fail as a 500.
/// </summary>
public static class QueryTextFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var texts = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(p => p.Parameter.ParameterType == typeof(string))
            .ToArray();
        if (texts.Length == 0)
            return next;
        return invocation =>
        {
            var v = new Validation();
            foreach (var (parameter, index) in texts)
                if (invocation.Arguments[index] is string text && InputRules.TextProblem(text, Limits.Search) is { } problem)
                    v.Add(parameter.Name!, InputRules.Describe(parameter.Name!, problem));
            v.ThrowIfInvalid();
            return next(invocation);
        };
    }
}
