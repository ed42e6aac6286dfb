using BaseCommerce.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>
/// Makes <c>/api/v1/openapi.json</c> state what the API enforces: the OAuth 2.0 bearer scheme and the scope each operation
/// needs, every error it can answer (as problem details), and the input limits of <see cref="InputRules"/> (required
/// fields, text lengths, plain decimals with their scale). Only <c>/api/v1</c> routes are described.
/// </summary>
public static class OpenApiDocumentation
{
    const string Bearer = "bearer";
    const string OAuth = "oauth2";
    const string Problem = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new()
            {
                Title = "BaseCommerce — API da loja (construção)", Version = "v1",
                Description = "Clientes, obras, produtos, fornecedores, estoque, cotações e pedidos de uma loja. Autenticação: Bearer JWT emitido pelo " +
                              "serviço Identity da loja (escopos api, api.read). Limites: corpo de até 1 MB; textos com o tamanho máximo de cada campo e sem " +
                              "caracteres de controle (tabulação e quebra de linha só em observações e motivos); decimais em notação simples, com no máximo as " +
                              "casas decimais do campo. Erros em RFC 7807 (application/problem+json), com os campos inválidos em errors.",
            };
            foreach (var path in document.Paths.Keys.Where(p => !p.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList())
                document.Paths.Remove(path);
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                    Description = "Token de acesso (JWT, typ at+jwt) emitido pelo Identity da mesma loja: {loja}.basecommerce.com.br/auth.",
                },
                [OAuth] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "OAuth 2.0 no Identity da loja. Integrações usam client_credentials; aplicativos de pessoas, authorization_code com PKCE S256.",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/auth/connect/token", UriKind.Relative), Scopes = ScopeDescriptions() },
                        AuthorizationCode = new OpenApiOAuthFlow
                        {
                            AuthorizationUrl = new Uri("/auth/connect/authorize", UriKind.Relative),
                            TokenUrl = new Uri("/auth/connect/token", UriKind.Relative), Scopes = ScopeDescriptions(),
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var endpoint = context.Description.ActionDescriptor.EndpointMetadata;
            var scopes = endpoint.OfType<IAuthorizeData>().Select(a => a.Policy).Any(IsReadOnly) ? new[] { Scopes.ApiRead } : [Scopes.Api];
            var anonymous = endpoint.OfType<IAllowAnonymous>().Any() || !endpoint.OfType<IAuthorizeData>().Any();
            var document = context.Document!;
            if (!anonymous)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [.. scopes] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth, document)] = [.. scopes] },
                ];
            }
            var method = context.Description.HttpMethod ?? "GET";
            var writes = method is not "GET" and not "HEAD";
            var hasBody = operation.RequestBody is not null;
            operation.Responses ??= new OpenApiResponses();
            Add(operation, "400", hasBody || operation.Parameters?.Count > 0
                ? "Requisição inválida: JSON malformado, tipo errado, campo obrigatório ausente ou fora dos limites; errors nomeia cada campo."
                : "Requisição inválida (sem loja no host, por exemplo).", validation: true);
            if (!anonymous)
            {
                Add(operation, "401", "Sem token, ou token inválido, vencido ou de outro emissor.");
                Add(operation, "403", "O token é de outra loja, ou o papel/escopo não permite esta operação.");
            }
            Add(operation, "404", "Loja desconhecida ou inativa, ou o recurso não existe nesta loja.");
            if (writes)
                Add(operation, "409", "Conflito com o estado atual: duplicado, status que não permite a ação, versão desatualizada, campo que não muda depois do cadastro.", validation: true);
            if (hasBody)
            {
                Add(operation, "413", "Corpo maior que 1 MB.");
                Add(operation, "415", "Corpo sem Content-Type: application/json.");
            }
            Add(operation, "429", "Muitas requisições: aguarde e tente de novo.");
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (InputRules.IsInput(context.JsonTypeInfo.Type) && schema.Properties is { } properties)
                DescribeLimits(schema, properties, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
    }

    static Dictionary<string, string> ScopeDescriptions() => new()
    {
        [Scopes.Api] = "Ler e escrever tudo o que a API da loja oferece.",
        [Scopes.ApiRead] = "Somente leitura.",
    };

    static bool IsReadOnly(string? policy) => policy is Permissions.Read or ScopePolicies.ApiRead;

    static void Add(OpenApiOperation operation, string status, string description, bool validation = false)
    {
        if (operation.Responses!.ContainsKey(status))
            return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [Problem] = new() { Schema = ProblemSchema(validation) } },
        };
    }

    static OpenApiSchema ProblemSchema(bool validation)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 7807 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = text, ["title"] = text, ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer }, ["detail"] = text, ["trace_id"] = text,
            },
        };
        if (validation)
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Os campos inválidos (caminho JSON, como itens[0].quantidade) e o que há de errado com cada um, em pt-BR.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
            };
        return schema;
    }

    static void DescribeLimits(OpenApiSchema schema, IDictionary<string, IOpenApiSchema> properties, Type type)
    {
        var fields = InputRules.FieldsOf(type).ToDictionary(f => f.Name);
        schema.Required = new HashSet<string>(fields.Values.Where(f => f.Mandatory).Select(f => f.Name));
        foreach (var (name, property) in properties)
        {
            if (property is not OpenApiSchema p || !fields.TryGetValue(name, out var field))
                continue;
            var nullable = !field.Mandatory;
            if (field.Text is { } text)
            {
                p.Type = JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
                p.MaxLength = text.MaxLength;
                p.Description = Join(p.Description, text.Multiline
                    ? "Sem caracteres de controle, exceto tabulação e quebra de linha."
                    : "Uma linha, sem caracteres de controle.");
            }
            else if (field.Amount is { } amount)
            {
                p.Type = JsonSchemaType.Number | JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
                p.Format = "decimal";
                p.Pattern = PlainDecimalConverter.Pattern;
                p.Description = Join(p.Description, $"Decimal em notação simples (número ou texto, sem expoente), até {amount.Scale} casas decimais, " +
                                                     $"menor que {amount.Bound:0} em valor absoluto.");
            }
            else if (field.Mandatory && p.Type is { } kind)
            {
                p.Type = kind & ~JsonSchemaType.Null;
            }
            if (field.Fixed)
                p.Description = Join(p.Description, "Obrigatório no cadastro; numa atualização pode ser omitido, e outro valor é recusado (409).");
        }
    }

    static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + " " + second;
}
