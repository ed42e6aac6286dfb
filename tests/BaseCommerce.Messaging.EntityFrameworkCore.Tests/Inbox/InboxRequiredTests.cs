using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Testing;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Inbox;

/// <summary>
/// Review finding 6: without the inbox a consumer's publishes reach the transport on every attempt, under a new message id
/// each time, even when its writes roll back. A service with a receive endpoint outside the inbox does not start.
/// </summary>
public sealed class InboxRequiredTests
{
    [Fact]
    public async Task AServiceWithAConsumerButNoInbox_RefusesToStart_NamingTheEndpoint()
    {
        using var host = Build(x => x.AddConsumer<EffectAppliedConsumer>());

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => host.StartAsync());

        refused.Message.ShouldContain("has no inbox");
        refused.Message.ShouldContain("AddBaseCommerceInbox");
    }

    [Fact]
    public async Task AServiceWithItsConsumersBehindTheInbox_Starts()
    {
        using var host = Build(x =>
        {
            x.AddBaseCommerceOutbox<ShopDb>(o => o.UseBusOutbox(deliveryService: false));
            x.AddBaseCommerceInbox<ShopDb>();
            x.AddConsumer<EffectAppliedConsumer>();
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    static IHost Build(Action<IBusRegistrationConfigurator> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(new Received());
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddDbContext<ShopDb>(o => Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions.UseNpgsql(o, "Host=127.0.0.1"));
        builder.Services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = TestSettings.Redis;
            o.KeyPrefix = TestSettings.NewRedisPrefix();
        }, configure);
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        return builder.Build();
    }
}
