using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Entities;

/// <summary>Maps the outbox and inbox entities onto the tables of the <c>messaging</c> schema (migration Messaging/0002).</summary>
public static class OutboxModel
{
    public const string Schema = "messaging";

    /// <summary>Adds <see cref="InboxState"/>, <see cref="OutboxState"/> and <see cref="OutboxMessage"/> to a DbContext's model.</summary>
    public static ModelBuilder AddTransactionalOutboxEntities(this ModelBuilder model)
    {
        model.Entity<InboxState>(inbox =>
        {
            inbox.ToTable("inbox_state", Schema);
            inbox.HasKey(x => x.Id);
            inbox.HasAlternateKey(x => new { x.MessageId, x.ConsumerId });
            SnakeCaseColumns(inbox);
        });
        model.Entity<OutboxState>(outbox =>
        {
            outbox.ToTable("outbox_state", Schema);
            outbox.HasKey(x => x.OutboxId);
            outbox.Property(x => x.OutboxId).ValueGeneratedNever();
            SnakeCaseColumns(outbox);
        });
        model.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_message", Schema);
            message.HasKey(x => x.SequenceNumber);
            message.HasOne<OutboxState>().WithMany().HasForeignKey(x => x.OutboxId).IsRequired(false);
            message.HasOne<InboxState>().WithMany().IsRequired(false)
                .HasForeignKey(x => new { x.InboxMessageId, x.InboxConsumerId })
                .HasPrincipalKey(x => new { x.MessageId, x.ConsumerId });
            SnakeCaseColumns(message);
        });
        return model;
    }

    static void SnakeCaseColumns(EntityTypeBuilder entity)
    {
        foreach (var property in entity.Metadata.GetProperties())
            property.SetColumnName(SnakeCase(property.Name));
    }

    static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
