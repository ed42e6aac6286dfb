extern alias cli;
extern alias ops;
using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using Hangfire;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using CliException = cli::BaseCommerce.Cli.CliException;
using JobsCommand = cli::BaseCommerce.Cli.Commands.JobsCommand;
using LocalSettings = cli::BaseCommerce.Cli.LocalSettings;
using MessagingCleanup = ops::BaseCommerce.Ops.Jobs.MessagingCleanup;
using ScheduleSync = ops::BaseCommerce.Ops.Jobs.ScheduleSync;
using StoreJobKind = ops::BaseCommerce.Ops.Jobs.StoreJobKind;
using StoreJobs = ops::BaseCommerce.Ops.Jobs.StoreJobs;
using PausedJobs = ops::BaseCommerce.Ops.Jobs.PausedJobs;
using StoreSchedule = ops::BaseCommerce.Ops.Jobs.StoreSchedule;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The scheduler (Hangfire in the Ops service, on the real PostgreSQL storage) end to end: every store's recurring jobs,
/// a run publishing its engine command through Ops' outbox to the engine on the real transport, retries and replicas
/// that do not recompute twice, and the operators' dashboard.
/// </summary>
[Collection(EnginesCollection.Name)]
public sealed class SchedulerTests(EnginesServer server, SchedulerTests.OpsCleanup cleanup) : IClassFixture<SchedulerTests.OpsCleanup>
{
    /// <summary>Stops Ops after this class, so no scheduled run reaches the engines of the tests that follow.</summary>
    public sealed class OpsCleanup : IAsyncDisposable
    {
        public EnginesServer? Server { get; set; }
        public async ValueTask DisposeAsync()
        {
            if (Server is not null)
                await Server.StopOpsAsync();
        }
    }

    IServiceProvider Ops
    {
        get
        {
            cleanup.Server = server;
            return server.Ops.Services;
        }
    }

    [Fact]
    public async Task EveryActiveStore_GetsItsJobs_InSaoPaulo_AndADisabledStoreLosesThem()
    {
        var kept = await server.CreateStoreAsync("agenda");
        var disabled = await server.CreateStoreAsync("desativada");
        await SyncAsync();

        using (var connection = Storage.GetConnection())
        {
            var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
            foreach (var kind in StoreJobKind.All)
            {
                var job = jobs[kind.JobId(kept.Slug)];
                (job.Cron, job.TimeZoneId, job.Job?.Queue ?? job.Queue).ShouldBe((kind.CronOf(new StoreSchedule()), "America/Sao_Paulo", StoreJobKind.Queue));
                jobs.ShouldContainKey(kind.JobId(disabled.Slug));
            }
            jobs.Keys.ShouldNotContain(id => id.EndsWith(":" + Operators.StoreSlug), "the operators' own store has no store jobs");
            // 03:00 in São Paulo (UTC−3 all year since 2019) is 06:00 UTC, on the next day once 06:00 UTC has passed.
            var now = DateTime.UtcNow;
            var next = now.Date.AddHours(6) > now ? now.Date.AddHours(6) : now.Date.AddDays(1).AddHours(6);
            jobs[$"pricing-refresh:{kept.Slug}"].NextExecution.ShouldBe(next);
        }

        // Paused (basec jobs pause): off the schedule until resumed.
        var paused = Ops.GetRequiredService<PausedJobs>();
        var pausedId = $"route-planning:{kept.Slug}";
        (await paused.PauseAsync(pausedId, "teste", CancellationToken.None)).ShouldBeTrue();
        await SyncAsync();
        using (var connection = Storage.GetConnection())
            connection.GetRecurringJobs().Select(j => j.Id).ShouldNotContain(pausedId);
        (await paused.ResumeAsync(pausedId, CancellationToken.None)).ShouldBeTrue();

        await SetActiveAsync(disabled, false);
        await SyncAsync();
        using (var connection = Storage.GetConnection())
        {
            var ids = connection.GetRecurringJobs().Select(j => j.Id).ToHashSet();
            ids.ShouldContain($"pricing-refresh:{kept.Slug}");
            ids.ShouldContain(pausedId, "resumed: back on the schedule");
            ids.ShouldNotContain(id => id.EndsWith(":" + disabled.Slug));
        }
    }

    [Fact]
    public async Task TheStoreAdminsHoursAndTimeZone_MoveTheStoresNightlyJobs_AndABadHourOrZoneIsRefused()
    {
        var store = await Store.CreateAsync(server, "horarios");
        var admin = await store.AdminAsync();
        await SyncAsync();
        await Store.ProblemAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings(stock: 24)), HttpStatusCode.BadRequest, null,
            "hora_recalculo_estoque");
        var saved = await Store.OkAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings(stock: 1, pricing: 5, routes: 17)), HttpStatusCode.OK);
        (saved.GetProperty("hora_recalculo_estoque").GetInt32(), saved.GetProperty("hora_atualizacao_precos").GetInt32(),
            saved.GetProperty("hora_planejamento_rotas").GetInt32()).ShouldBe((1, 5, 17));

        var slug = store.Tenant.Slug;
        var until = DateTime.UtcNow.AddSeconds(30);
        Dictionary<string, string> crons;
        do
        {
            await Task.Delay(200);
            using var connection = Storage.GetConnection();
            crons = connection.GetRecurringJobs().Where(j => j.Id.EndsWith(":" + slug)).ToDictionary(j => j.Id, j => j.Cron);
        }
        // The store's jobs are rewritten one after another: wait for the last of the three.
        while ((crons.GetValueOrDefault($"stock-recompute:{slug}"), crons.GetValueOrDefault($"pricing-refresh:{slug}"),
                   crons.GetValueOrDefault($"route-planning:{slug}")) != ("0 1 * * *", "0 5 * * *", "0 17 * * *") && DateTime.UtcNow < until);
        (crons[$"stock-recompute:{slug}"], crons[$"pricing-refresh:{slug}"], crons[$"route-planning:{slug}"], crons[$"sales-recompute:{slug}"])
            .ShouldBe(("0 1 * * *", "0 5 * * *", "0 17 * * *", "30 3 * * *"));

        // The five-minute sync keeps the store's hours.
        await SyncAsync();
        using (var connection = Storage.GetConnection())
            connection.GetRecurringJobs([$"pricing-refresh:{slug}"]).Single().Cron.ShouldBe("0 5 * * *");

        // The store's own time zone: an unknown one is refused, Manaus (UTC−4 all year) moves every job of the store to it.
        await Store.ProblemAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings(stock: 1, pricing: 5, routes: 17, zone: "Europe/Paris")),
            HttpStatusCode.BadRequest, null, "fuso_horario");
        saved = await Store.OkAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings(stock: 1, pricing: 5, routes: 17, zone: "America/Manaus")),
            HttpStatusCode.OK);
        saved.GetProperty("fuso_horario").GetString().ShouldBe("America/Manaus");
        until = DateTime.UtcNow.AddSeconds(30);
        List<RecurringJobDto> zoned;
        do
        {
            await Task.Delay(200);
            using var connection = Storage.GetConnection();
            zoned = [.. connection.GetRecurringJobs().Where(j => j.Id.EndsWith(":" + slug))];
        }
        while (zoned.Any(j => j.TimeZoneId != "America/Manaus") && DateTime.UtcNow < until);
        zoned.Select(j => j.TimeZoneId).Distinct().ShouldBe(["America/Manaus"]);
        // 05:00 in Manaus is 09:00 UTC, on the next day once 09:00 UTC has passed.
        var now = DateTime.UtcNow;
        zoned.Single(j => j.Id == $"pricing-refresh:{slug}").NextExecution
            .ShouldBe(now.Date.AddHours(9) > now ? now.Date.AddHours(9) : now.Date.AddDays(1).AddHours(9));
        // The dashboard names the store by its slug (the job's arguments carry it beside the id it is run for).
        var job = zoned.Single(j => j.Id == $"pricing-refresh:{slug}").Job!;
        (job.Method.Name, job.Args[2]).ShouldBe((nameof(StoreJobs.RunForStoreAsync), (object)slug));
        // The Stock engine keeps the store's calendar in the same zone.
        until = DateTime.UtcNow.AddSeconds(30);
        string? stockZone;
        while ((stockZone = (string?)await server.Database.AsTenantAsync(store.Tenant.Id,
                   $"SELECT time_zone FROM stock.settings WHERE tenant_id = '{store.Tenant.Id}'")) != "America/Manaus" && DateTime.UtcNow < until)
            await Task.Delay(200);
        stockZone.ShouldBe("America/Manaus");
    }

    static object Settings(int stock = 2, int pricing = 3, int routes = 18, string? zone = null) => new
    {
        nivel_servico = "0.95", lead_time_dias = 7, estoque_seguranca_percentual = "20", margem_alvo_percentual = "30", margem_minima_percentual = "15",
        margem_maxima_percentual = "50", custo_fixo_rota = "40.00", veiculos = Array.Empty<object>(),
        hora_recalculo_estoque = stock, hora_atualizacao_precos = pricing, hora_planejamento_rotas = routes, fuso_horario = zone,
    };

    [Fact]
    public async Task TriggeringPricingRefresh_ReachesThePricingEngine_AndARetriedRunIsHandledOnce()
    {
        var store = await server.CreateStoreAsync("precos");
        await SyncAsync();
        var jobId = $"pricing-refresh:{store.Slug}";
        var run = Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(jobId);
        await SucceededAsync(run, 1);

        var time = Storage.GetConnection().GetJobParameter(run, "Time");
        var messageId = StoreJobs.MessageIdOf(jobId, time.Trim('"'));
        await ConsumedAsync(messageId, "the pricing engine's inbox took the command");

        // Hangfire runs the same job again (a retry after a crash between commit and "Succeeded" looks the same): the
        // same message goes out, and the engine's inbox drops it.
        Ops.GetRequiredService<IBackgroundJobClientV2>().Requeue(run).ShouldBeTrue();
        await SucceededAsync(run, 2);
        await Task.Delay(1500);
        (await InboxRowsAsync(messageId)).ShouldBe(1, "one inbox row: the duplicate was not handled again");

        var metrics = await server.Ops.CreateClient().GetStringAsync("/ops/metrics");
        metrics.ShouldContain("basecommerce_jobs_runs");
        metrics.ShouldContain("kind=\"pricing-refresh\"");
        metrics.ShouldContain("basecommerce_jobs_next_run_lag");
    }

    [Fact]
    public async Task TheNightlyDraftsCleanup_DeletesTheStoresAbandonedDrafts_Only()
    {
        var store = await server.CreateStoreAsync("rascunhos");
        await SyncAsync();
        await server.Database.AsTenantAsync(store.Id, $"""
            INSERT INTO construction.assistentes_cotacao (id, tenant_id, user_id, state, created_at, updated_at) VALUES
                (gen_random_uuid(), '{store.Id}', gen_random_uuid(), jsonb_build_object(), now() - interval '3 days', now() - interval '2 days'),
                (gen_random_uuid(), '{store.Id}', gen_random_uuid(), jsonb_build_object(), now(), now());
            """, asOwner: true);
        await SucceededAsync(Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob($"drafts-cleanup:{store.Slug}"), 1);

        var until = DateTime.UtcNow.AddSeconds(30);
        long left;
        while ((left = await DraftsAsync(store)) != 1)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, $"{left} drafts left; the abandoned one should go and the fresh one stay");
            await Task.Delay(200);
        }
    }

    async Task<long> DraftsAsync(TenantInfo store) =>
        (long)(await server.Database.AsTenantAsync(store.Id, "SELECT count(*) FROM construction.assistentes_cotacao"))!;

    [Fact]
    public async Task TheNightlyIdentityCleanup_DeletesTheStoresDeadGrants_AndKeepsWhatChecksStillRead()
    {
        var store = await server.CreateStoreAsync("grants");
        var other = await server.CreateStoreAsync("grants-outra");
        await SyncAsync();
        await WebSession.SignInAsync(server, store, StaffRoles.Admin);
        await WebSession.SignInAsync(server, other, StaffRoles.Admin);
        // Dead: a token that expired two days ago, a revoked grant of three days ago, a session ended three days ago.
        // Kept: a live token, a token redeemed an hour ago (a replay of it must still be recognised), the live session of
        // the sign-in, and everything of the other store.
        string Seed(Guid tenant) => $"""
            INSERT INTO identity.oidc_tokens (id, tenant_id, creation_date, expiration_date, status, type, concurrency_token) VALUES
                (gen_random_uuid(), '{tenant}', now() - interval '3 days', now() - interval '2 days', 'valid', 'refresh_token', 'x'),
                (gen_random_uuid(), '{tenant}', now() - interval '3 days', now() + interval '10 days', 'valid', 'refresh_token', 'x'),
                (gen_random_uuid(), '{tenant}', now() - interval '1 hour', now() + interval '1 minute', 'redeemed', 'authorization_code', 'x');
            INSERT INTO identity.oidc_authorizations (id, tenant_id, creation_date, status, type, concurrency_token, subject) VALUES
                (gen_random_uuid(), '{tenant}', now() - interval '3 days', 'revoked', 'ad-hoc', 'x', 'someone');
            INSERT INTO identity.sessions (tenant_id, user_id, expires_at, ended_at)
            SELECT '{tenant}', id, now() - interval '2 days', now() - interval '3 days' FROM identity.users WHERE tenant_id = '{tenant}' LIMIT 1;
            """;
        await server.Database.AsTenantAsync(store.Id, Seed(store.Id), asOwner: true);
        await server.Database.AsTenantAsync(other.Id, Seed(other.Id), asOwner: true);
        async Task<string> CountsAsync(Guid tenant) => (string)(await server.Database.AsTenantAsync(tenant, $"""
            SELECT concat_ws('/', (SELECT count(*) FROM identity.oidc_tokens WHERE tenant_id = '{tenant}'),
                                  (SELECT count(*) FROM identity.oidc_authorizations WHERE tenant_id = '{tenant}'),
                                  (SELECT count(*) FROM identity.sessions WHERE tenant_id = '{tenant}'))
            """, asOwner: true))!;
        (await CountsAsync(store.Id)).ShouldBe("3/1/2");

        await SucceededAsync(Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob($"identity-cleanup:{store.Slug}"), 1);
        var until = DateTime.UtcNow.AddSeconds(30);
        string counts;
        while ((counts = await CountsAsync(store.Id)) != "2/0/1" && DateTime.UtcNow < until)
            await Task.Delay(200);
        counts.ShouldBe("2/0/1", "tokens/grants/sessions: the dead ones went, the live and recently redeemed tokens and the live session stayed");
        (await CountsAsync(other.Id)).ShouldBe("3/1/2", "the other store's grants are not touched");
    }

    [Fact]
    public async Task TheMessagingCleanup_RemovesInboxRowsPastTheirRetention_AndKeepsWhatIsStillOwed()
    {
        // Old and delivered (with its consumer's sent message): goes. Delivered a minute ago: a duplicate must still be
        // recognised. Consumed two hours ago but never delivered: its message is still owed, and the run says so.
        await SyncAsync();
        var (old, fresh, owed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var consumer = Guid.NewGuid();
        await using (var db = new NpgsqlConnection(server.Database.AppConnection))
        {
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO messaging.inbox_state (message_id, consumer_id, lock_id, received, receive_count, consumed, delivered) VALUES
                    (@old, @c, gen_random_uuid(), now() - interval '2 hours', 1, now() - interval '2 hours', now() - interval '2 hours'),
                    (@fresh, @c, gen_random_uuid(), now() - interval '1 minute', 1, now() - interval '1 minute', now() - interval '1 minute'),
                    (@owed, @c, gen_random_uuid(), now() - interval '2 hours', 1, now() - interval '2 hours', NULL);
                INSERT INTO messaging.outbox_message (sent_time, inbox_message_id, inbox_consumer_id, message_id, content_type, message_type, body)
                VALUES (now() - interval '2 hours', @old, @c, gen_random_uuid(), 'application/json', 'urn:message:x', '{}');
                """, db);
            cmd.Parameters.AddWithValue("old", old);
            cmd.Parameters.AddWithValue("fresh", fresh);
            cmd.Parameters.AddWithValue("owed", owed);
            cmd.Parameters.AddWithValue("c", consumer);
            await cmd.ExecuteNonQueryAsync();
        }

        var run = await SucceededAsync(Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(MessagingCleanup.JobId), 1);

        (await InboxRowsAsync(old)).ShouldBe(0);
        (await InboxRowsAsync(fresh)).ShouldBe(1);
        (await InboxRowsAsync(owed)).ShouldBe(1);
        await using (var db = new NpgsqlConnection(server.Database.AppConnection))
        {
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM messaging.outbox_message WHERE inbox_consumer_id = @c", db);
            cmd.Parameters.AddWithValue("c", consumer);
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0, "the removed row's sent message goes with it");
        }
        var result = run.History.First(h => h.StateName == "Succeeded").Data["Result"];
        result.ShouldContain("entradas do inbox removidas");
        result.ShouldContain("mensagens consumidas", customMessage: "the owed message is reported");
        (await server.Ops.CreateClient().GetStringAsync("/ops/metrics")).ShouldContain("kind=\"messaging-cleanup\",outcome=\"ok\"");
    }

    [Fact]
    public async Task AfterPostgreSqlCutsItsConnections_TheSchedulerRunsTheNextJobByItself()
    {
        var store = await server.CreateStoreAsync("reinicio");
        await SyncAsync();
        // What a PostgreSQL restart does to a service: each of its pooled connections is cut under it (Ops' alone here, so
        // the other hosts of this fixture are left as they were).
        await using (var admin = new NpgsqlConnection(TestSettings.AdminConnection))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND application_name = @app", admin);
            kill.Parameters.AddWithValue("db", server.Database.Name);
            kill.Parameters.AddWithValue("app", EnginesServer.OpsApplicationName);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
        }

        // A caller may see the cut once (its pooled connection was dead); the scheduler itself needs nobody's help.
        var jobId = $"pricing-refresh:{store.Slug}";
        string run;
        try { run = Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(jobId); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.AdminShutdown) { run = Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(jobId); }
        catch (NpgsqlException) { run = Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(jobId); }
        await SucceededAsync(run, 1);
        var time = Storage.GetConnection().GetJobParameter(run, "Time");
        await ConsumedAsync(StoreJobs.MessageIdOf(jobId, time.Trim('"')), "the pricing engine took the command after the cut");
        // Hygiene for the tests that follow: idle connections cut above and not used since would fail their next caller once.
        Ops.GetRequiredService<NpgsqlDataSource>().Clear();
    }

    [Fact]
    public async Task BasecJobs_PausesResumesAndTriggers_OnTheSchedulersStorage()
    {
        var store = await server.CreateStoreAsync("terminal");
        await SyncAsync();
        var admin = new NpgsqlConnectionStringBuilder(TestSettings.AdminConnection);
        var settings = LocalSettings.FromEnvironment() with
        {
            PostgresPort = admin.Port, Database = server.Database.Name, AppPassword = TestSettings.AppPassword, OwnerPassword = TestSettings.OwnerPassword,
        };
        var routes = $"route-planning:{store.Slug}";

        (await JobsCommand.PauseAsync(settings, routes)).ShouldBe(0);
        using (var connection = Storage.GetConnection())
            connection.GetRecurringJobs([routes]).ShouldAllBe(j => j.Job == null, "paused: off the schedule");
        (await Should.ThrowAsync<CliException>(() => JobsCommand.TriggerAsync(settings, routes))).Message.ShouldContain("is paused");
        (await JobsCommand.ListAsync(settings)).ShouldBe(0);
        await SyncAsync();
        using (var connection = Storage.GetConnection())
            connection.GetRecurringJobs([routes]).ShouldAllBe(j => j.Job == null, "the five-minute sync keeps it paused");

        (await JobsCommand.ResumeAsync(settings, routes)).ShouldBe(0);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Storage.GetConnection().GetRecurringJobs([routes]).Any(j => j.Job is not null) && DateTime.UtcNow < until)
            await Task.Delay(200);
        Storage.GetConnection().GetRecurringJobs([routes]).ShouldContain(j => j.Job != null, "resumed: the sync the command triggered put it back");
        (await Should.ThrowAsync<CliException>(() => JobsCommand.ResumeAsync(settings, routes))).Message.ShouldContain("is not paused");
        (await Should.ThrowAsync<CliException>(() => JobsCommand.TriggerAsync(settings, "no-such-job:x"))).Message.ShouldContain("No recurring job");

        // A platform job pauses and resumes the same way; the sync that keeps the others in place cannot be paused.
        (await JobsCommand.PauseAsync(settings, MessagingCleanup.JobId)).ShouldBe(0);
        await SyncAsync();
        Storage.GetConnection().GetRecurringJobs([MessagingCleanup.JobId]).ShouldAllBe(j => j.Job == null, "the sync keeps a paused platform job off");
        (await JobsCommand.ResumeAsync(settings, MessagingCleanup.JobId)).ShouldBe(0);
        await SyncAsync();
        Storage.GetConnection().GetRecurringJobs([MessagingCleanup.JobId]).ShouldContain(j => j.Job != null, "resumed: back on the schedule");
        (await Should.ThrowAsync<CliException>(() => JobsCommand.PauseAsync(settings, ScheduleSync.JobId))).Message.ShouldContain("cannot be paused");

        // Triggered from the terminal, run by Ops: the engine's inbox takes the command.
        var pricing = $"pricing-refresh:{store.Slug}";
        var before = DateTime.UtcNow;
        (await JobsCommand.TriggerAsync(settings, pricing)).ShouldBe(0);
        until = DateTime.UtcNow.AddSeconds(60);
        string? last;
        while ((last = Storage.GetConnection().GetRecurringJobs([pricing]).Single().LastJobId) is null
               || Storage.GetMonitoringApi().JobDetails(last).CreatedAt < before.AddSeconds(-1))
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the triggered run was never created");
            await Task.Delay(200);
        }
        await SucceededAsync(last, 1);
        var time = Storage.GetConnection().GetJobParameter(last, "Time");
        await ConsumedAsync(StoreJobs.MessageIdOf(pricing, time.Trim('"')), "the pricing engine took the command the terminal asked for");
    }

    [Fact]
    public async Task ADisabledStoresQueuedRun_EndsSkipped_WithTheReason()
    {
        var store = await server.CreateStoreAsync("fechada");
        await SyncAsync();
        await SetActiveAsync(store, false);
        var run = Ops.GetRequiredService<IRecurringJobManagerV2>().TriggerJob($"stock-recompute:{store.Slug}");
        var details = await SucceededAsync(run, 1);
        details.History[0].Data["Result"].ShouldContain($"a loja '{store.Slug}' está desativada");
        (await server.Ops.CreateClient().GetStringAsync("/ops/metrics")).ShouldContain("kind=\"stock-recompute\",outcome=\"skipped\"");
    }

    [Fact]
    public async Task TwoServersOnOneStorage_RunEachJobOnce()
    {
        var store = await server.CreateStoreAsync("replicas");
        await SyncAsync();
        using var second = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = "second-replica", WorkerCount = 2, Queues = [StoreJobKind.Queue, "default"], SchedulePollingInterval = TimeSpan.FromSeconds(1),
        }, Storage);
        var manager = Ops.GetRequiredService<IRecurringJobManagerV2>();
        var runs = new List<string>();
        foreach (var kind in StoreJobKind.All)
            for (var i = 0; i < 3; i++)
                runs.Add(manager.TriggerJob(kind.JobId(store.Slug)));
        foreach (var run in runs)
        {
            var details = await SucceededAsync(run, 1);
            details.History.Count(h => h.StateName == "Processing").ShouldBe(1, $"job {run} ran once");
        }
        var servers = Storage.GetMonitoringApi().Servers().Select(s => s.Name).ToList();
        servers.ShouldContain(n => n.StartsWith("second-replica", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDashboard_IsForOperators_ReadOnlyForViewers()
    {
        var platform = await PlatformStoreAsync();
        var store = await server.CreateStoreAsync("painel");
        _ = Ops;

        // Anonymous: sent to sign in on the operators' host, and back here after.
        var anonymous = Client(platform, null);
        var response = await anonymous.GetAsync("/ops/hangfire");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/auth/login?ReturnUrl=%2Fops%2Fhangfire");

        // A store's admin: 403 on their own host, and on the operators' host (the tenancy check refuses their session).
        var admin = await WebSession.SignInAsync(server, store, StaffRoles.Admin);
        (await Client(store, admin.Session).GetAsync("/ops/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Client(platform, admin.Session).GetAsync("/ops/hangfire")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A viewer sees the recurring jobs, without the buttons, and cannot trigger one.
        await SyncAsync();
        var viewer = Client(platform, (await WebSession.SignInAsync(server, platform, Operators.Viewer)).Session);
        var page = await viewer.GetStringAsync("/ops/hangfire/recurring");
        page.ShouldContain("pricing-refresh:", Case.Sensitive, "the stores' recurring jobs are listed (this database holds many stores: the page shows the first)");
        page.ShouldNotContain("js-jobs-list-command");
        page.ShouldContain("href=\"/ops/hangfire/jobs/enqueued\"", Case.Insensitive, "links carry the /ops path base");
        // On a phone the fixed navbar grows over the page title; our stylesheet, served with Hangfire's own, lets it scroll.
        var css = System.Text.RegularExpressions.Regex.Matches(page, "href=\"(/ops/hangfire/css[^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        css.ShouldNotBeEmpty();
        var styles = string.Concat(await Task.WhenAll(css.Select(viewer.GetStringAsync)));
        styles.ShouldContain(".navbar-fixed-top { position: static;");
        var viewerToken = Antiforgery(page);
        var refused = await viewer.SendAsync(Trigger(viewerToken, $"pricing-refresh:{store.Slug}"));
        ((int)refused.StatusCode).ShouldBeOneOf(401, 403);

        // An operator-admin triggers it, but only with the antiforgery token of their own page.
        var operatorAdmin = Client(platform, (await WebSession.SignInAsync(server, platform, Operators.Admin)).Session);
        var adminPage = await operatorAdmin.GetStringAsync("/ops/hangfire/recurring");
        adminPage.ShouldContain("js-jobs-list-command");
        (await operatorAdmin.SendAsync(Trigger(null, $"pricing-refresh:{store.Slug}"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorAdmin.GetAsync("/ops/hangfire/stats")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a call the dashboard makes by POST, as a GET");
        var triggered = await operatorAdmin.SendAsync(Trigger(Antiforgery(adminPage), $"pricing-refresh:{store.Slug}"));
        triggered.StatusCode.ShouldBe(HttpStatusCode.NoContent, await triggered.Content.ReadAsStringAsync());
    }

    static HttpRequestMessage Trigger((string Header, string Value)? token, string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ops/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        if (token is { } t)
            request.Headers.Add(t.Header, t.Value);
        return request;
    }

    /// <summary>The antiforgery header and token the dashboard's layout carries for its scripts.</summary>
    static (string Header, string Value) Antiforgery(string page)
    {
        string Meta(string name) => System.Text.RegularExpressions.Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]+)\"").Groups[1].Value;
        var (header, token) = (Meta("csrf-header"), Meta("csrf-token"));
        token.ShouldNotBeNullOrEmpty("the dashboard's layout carries the antiforgery token");
        return (header, token);
    }

    HttpClient Client(TenantInfo tenant, string? session)
    {
        // A browser's cookie jar: the session, and the antiforgery cookie the dashboard's pages set.
        var cookies = new CookieContainer();
        if (session is not null)
            cookies.Add(new Uri("http://localhost"), new Cookie("bc.session", session));
        var client = server.Ops.CreateDefaultClient(new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Add("X-Tenant-Slug", tenant.Slug);
        return client;
    }

    JobStorage Storage => Ops.GetRequiredService<JobStorage>();

    async Task SyncAsync()
    {
        using var scope = Ops.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ScheduleSync>().RunAsync(CancellationToken.None);
    }

    /// <summary>Until the job has succeeded <paramref name="times"/> times; its details.</summary>
    async Task<Hangfire.Storage.Monitoring.JobDetailsDto> SucceededAsync(string jobId, int times)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var details = Storage.GetMonitoringApi().JobDetails(jobId);
            if (details.History.Count(h => h.StateName == "Succeeded") >= times)
                return details;
            details.History.ShouldNotContain(h => h.StateName == "Failed", string.Join(" | ", details.History.Select(h => h.StateName + " " + h.Reason)));
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"job {jobId}: {string.Join(", ", details.History.Select(h => h.StateName))}");
            await Task.Delay(200);
        }
    }

    async Task ConsumedAsync(Guid messageId, string because)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await InboxRowsAsync(messageId, consumedOnly: true) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, because);
            await Task.Delay(200);
        }
    }

    async Task<long> InboxRowsAsync(Guid messageId, bool consumedOnly = false)
    {
        await using var db = new NpgsqlConnection(server.Database.AppConnection);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM messaging.inbox_state WHERE message_id = @m" + (consumedOnly ? " AND consumed IS NOT NULL" : ""), db);
        cmd.Parameters.AddWithValue("m", messageId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    async Task SetActiveAsync(TenantInfo tenant, bool active)
    {
        using var scope = server.Identity.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
        await scope.ServiceProvider.GetRequiredService<StoreAdmin>().SetActiveAsync(tenant.Slug, active);
    }

    /// <summary>The operators' store, created once in this database.</summary>
    async Task<TenantInfo> PlatformStoreAsync()
    {
        using var scope = server.Identity.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
        var stores = scope.ServiceProvider.GetRequiredService<StoreAdmin>();
        var existing = (await stores.ListAsync()).FirstOrDefault(s => s.Slug == Operators.StoreSlug);
        return StoreAdmin.ToTenant(existing ?? await stores.CreateAsync(new NewStore(Operators.StoreSlug, "Operações", TestDocuments.Cnpj())));
    }
}
