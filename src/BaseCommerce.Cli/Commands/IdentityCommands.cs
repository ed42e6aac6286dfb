using BaseCommerce.Authentication;
using BaseCommerce.Brazil;
using System.CommandLine;
using BaseCommerce.Cli.Platform;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary><c>basec tenants|users|clients …</c>: the stores, their staff and their OAuth clients.</summary>
internal static class IdentityCommands
{
    public delegate Command CommandFactory(string name, string description, Func<Repo, LocalSettings, ParseResult, CancellationToken, Task<int>> run);

    public static IEnumerable<Command> All(CommandFactory command) => [Tenants(command), Users(command), Clients(command)];

    static Command Tenants(CommandFactory command)
    {
        var slug = new Argument<string>("slug") { Description = "The store's subdomain, e.g. 'casa-do-construtor'." };
        var name = new Option<string>("--name") { Description = "The store's name.", Required = true };
        var cnpj = new Option<string>("--cnpj") { Description = "The company's CNPJ (with or without punctuation).", Required = true };
        var contactName = new Option<string?>("--contact-name");
        var contactEmail = new Option<string?>("--contact-email");
        var contactPhone = new Option<string?>("--contact-phone");
        var logo = new Option<string?>("--logo-url");
        var primary = new Option<string?>("--primary-color") { Description = "#rrggbb" };
        var secondary = new Option<string?>("--secondary-color") { Description = "#rrggbb" };
        var features = new Option<string[]>("--feature") { Description = "Feature flags to turn on for the store.", AllowMultipleArgumentsPerToken = true };

        var create = command("create", "Register a store.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var store = await admin.AsPlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore(
                p.GetValue(slug)!, p.GetValue(name)!, p.GetValue(cnpj)!, p.GetValue(contactName), p.GetValue(contactEmail),
                p.GetValue(contactPhone), p.GetValue(logo), p.GetValue(primary), p.GetValue(secondary),
                (p.GetValue(features) ?? []).ToDictionary(f => f, _ => true))));
            AnsiConsole.MarkupLineInterpolated($"[green]Store '{store.Slug}' created[/] ({store.Id}). Next: basec users create {store.Slug} <email> --name … --role admin");
        }));
        create.Arguments.Add(slug);
        foreach (var o in new Option[] { name, cnpj, contactName, contactEmail, contactPhone, logo, primary, secondary, features }) create.Options.Add(o);

        var list = command("list", "List the stores.", (_, settings, _, _) => WithAdmin(settings, async admin =>
        {
            var stores = await admin.AsPlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().ListAsync());
            var table = new Table().AddColumns("slug", "name", "CNPJ", "active", "id");
            foreach (var s in stores)
                table.AddRow(Markup.Escape(s.Slug), Markup.Escape(s.Name), s.Cnpj is null ? "-" : Cnpj.Format(s.Cnpj), s.Active ? "yes" : "[red]no[/]", s.Id.ToString());
            AnsiConsole.Write(table);
        }));

        var tenants = new Command("tenants", "Stores: create, list, disable, enable.");
        tenants.Subcommands.Add(create);
        tenants.Subcommands.Add(list);
        foreach (var (verb, active) in new[] { ("disable", false), ("enable", true) })
        {
            var sub = command(verb, active ? "Serve a store again." : "Stop serving a store (its staff and clients are refused within 30 s).",
                (_, settings, p, _) => WithAdmin(settings, async admin =>
                {
                    var store = await admin.AsPlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().SetActiveAsync(p.GetValue(slug)!, active));
                    AnsiConsole.MarkupLineInterpolated($"[green]Store '{store.Slug}' {(active ? "enabled" : "disabled")}.[/]");
                }));
            sub.Arguments.Add(slug);
            tenants.Subcommands.Add(sub);
        }
        return tenants;
    }

    static Command Users(CommandFactory command)
    {
        var store = new Argument<string>("store") { Description = "The store's slug." };
        var email = new Argument<string>("email");
        var name = new Option<string>("--name") { Required = true };
        var roles = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", StaffRoles.All)} (in the operators' store {Operators.StoreSlug}: {string.Join(", ", Operators.Roles)}).", Required = true, AllowMultipleArgumentsPerToken = true };
        var password = new Option<string?>("--password") { Description = "Omit it to have one generated and printed once." };

        var create = command("create", "Create a staff account.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var (chosen, generated) = PasswordOf(p.GetValue(password));
            var user = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<StaffAdmin>()
                .CreateAsync(p.GetValue(email)!, p.GetValue(name)!, p.GetValue(roles)!, chosen));
            AnsiConsole.MarkupLineInterpolated($"[green]User {user.Email} created[/] with roles {string.Join(", ", user.Roles)}.");
            if (generated) AnsiConsole.MarkupLineInterpolated($"Password (shown once): [bold]{chosen}[/]");
        }));
        create.Arguments.Add(store); create.Arguments.Add(email);
        create.Options.Add(name); create.Options.Add(roles); create.Options.Add(password);

        var list = command("list", "List a store's staff.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var users = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<StaffAdmin>().ListAsync());
            var table = new Table().AddColumns("e-mail", "name", "roles", "active", "locked until");
            foreach (var u in users)
                table.AddRow(Markup.Escape(u.Email), Markup.Escape(u.Name), string.Join(", ", u.Roles), u.Active ? "yes" : "[red]no[/]",
                    u.LockoutEnd > DateTimeOffset.UtcNow ? u.LockoutEnd.Value.ToString("u") : "-");
            AnsiConsole.Write(table);
        }));
        list.Arguments.Add(store);

        var reset = command("reset-password", "Set a new password, clear the lockout, and sign the person out everywhere.",
            (_, settings, p, _) => WithAdmin(settings, async admin =>
            {
                var (chosen, generated) = PasswordOf(p.GetValue(password));
                var user = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<StaffAdmin>().ResetPasswordAsync(p.GetValue(email)!, chosen));
                AnsiConsole.MarkupLineInterpolated($"[green]Password of {user.Email} reset[/]; their sessions ended.");
                if (generated) AnsiConsole.MarkupLineInterpolated($"New password (shown once): [bold]{chosen}[/]");
            }));
        reset.Arguments.Add(store); reset.Arguments.Add(email); reset.Options.Add(password);

        var users = new Command("users", "A store's staff: create, list, disable, enable, reset-password.");
        users.Subcommands.Add(create);
        users.Subcommands.Add(list);
        foreach (var (verb, active) in new[] { ("disable", false), ("enable", true) })
        {
            var sub = command(verb, active ? "Let a person sign in again." : "Stop a person from signing in and end their sessions.",
                (_, settings, p, _) => WithAdmin(settings, async admin =>
                {
                    var user = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<StaffAdmin>().SetActiveAsync(p.GetValue(email)!, active));
                    AnsiConsole.MarkupLineInterpolated($"[green]User {user.Email} {(active ? "enabled" : "disabled")}.[/]");
                }));
            sub.Arguments.Add(store); sub.Arguments.Add(email);
            users.Subcommands.Add(sub);
        }
        users.Subcommands.Add(reset);
        return users;
    }

    static Command Clients(CommandFactory command)
    {
        var store = new Argument<string>("store") { Description = "The store's slug." };
        var clientId = new Argument<string>("client-id");
        var name = new Option<string>("--name") { Required = true };
        var type = new Option<string>("--type") { Description = "confidential (has a secret) or public (PKCE, no secret).", DefaultValueFactory = _ => ClientTypes.Confidential };
        var grants = new Option<string[]>("--grant") { Description = string.Join(", ", GrantTypes.All), Required = true, AllowMultipleArgumentsPerToken = true };
        var scopes = new Option<string[]>("--scope") { Description = string.Join(", ", Scopes.All), Required = true, AllowMultipleArgumentsPerToken = true };
        var redirects = new Option<string[]>("--redirect-uri") { AllowMultipleArgumentsPerToken = true };
        var postLogout = new Option<string[]>("--post-logout-uri") { AllowMultipleArgumentsPerToken = true };
        var firstParty = new Option<bool>("--first-party") { Description = "The store's own application: no consent screen." };
        var lifetime = new Option<int?>("--access-token-lifetime") { Description = "Seconds, 60 to 3600 (default 900)." };

        var create = command("create", "Register an OAuth client; a confidential client's secret is printed once.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var created = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(new NewClient(
                p.GetValue(clientId)!, p.GetValue(name)!, p.GetValue(type)!, p.GetValue(grants)!, p.GetValue(scopes)!,
                p.GetValue(redirects) ?? [], p.GetValue(postLogout) ?? [], p.GetValue(firstParty), p.GetValue(lifetime))));
            AnsiConsole.MarkupLineInterpolated($"[green]Client {created.Client.ClientId} created[/] ({created.Client.ClientType}; {string.Join(' ', created.Client.GrantTypes)}; scopes {string.Join(' ', created.Client.Scopes)}).");
            if (created.Secret is not null)
                AnsiConsole.MarkupLineInterpolated($"client_secret (shown once, stored only as a hash): [bold]{created.Secret}[/]");
        }));
        create.Arguments.Add(store); create.Arguments.Add(clientId);
        foreach (var o in new Option[] { name, type, grants, scopes, redirects, postLogout, firstParty, lifetime }) create.Options.Add(o);

        var list = command("list", "List a store's OAuth clients.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var clients = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<ClientAdmin>().ListAsync());
            var table = new Table().AddColumns("client_id", "name", "type", "grants", "scopes", "first party");
            foreach (var c in clients)
                table.AddRow(Markup.Escape(c.ClientId), Markup.Escape(c.Name), c.ClientType, string.Join(' ', c.GrantTypes), string.Join(' ', c.Scopes),
                    c.FirstParty ? "yes" : "no");
            AnsiConsole.Write(table);
        }));
        list.Arguments.Add(store);

        var revoke = command("revoke", "Revoke a client (it is deleted with its grants): no new tokens, its refresh tokens stop working, its access tokens are refused within 5 s.", (_, settings, p, _) => WithAdmin(settings, async admin =>
        {
            var client = await admin.AsStoreAsync(p.GetValue(store)!, sp => sp.GetRequiredService<ClientAdmin>().RevokeAsync(p.GetValue(clientId)!));
            AnsiConsole.MarkupLineInterpolated($"[green]Client {client.ClientId} revoked.[/]");
        }));
        revoke.Arguments.Add(store); revoke.Arguments.Add(clientId);

        var root = new Command("clients", "A store's OAuth clients: create, list, revoke.");
        root.Subcommands.Add(create);
        root.Subcommands.Add(list);
        root.Subcommands.Add(revoke);
        return root;
    }

    static (string Password, bool Generated) PasswordOf(string? given) =>
        given is { Length: > 0 } ? (given, false) : ("Bc" + Secrets.New()[..14] + "9a", true);

    static async Task<int> WithAdmin(LocalSettings settings, Func<IdentityAdmin, Task> work)
    {
        await using var admin = new IdentityAdmin(settings);
        await work(admin);
        return 0;
    }
}
