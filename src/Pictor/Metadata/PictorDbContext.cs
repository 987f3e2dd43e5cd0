using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

/// <summary>The metadata model, shared by the providers; each provider has a subclass holding its migrations.</summary>
public abstract class PictorDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OriginalRecord> Originals => Set<OriginalRecord>();
    public DbSet<DerivedRecord> Derived => Set<DerivedRecord>();
    public DbSet<BlobJournalEntry> BlobJournal => Set<BlobJournalEntry>();
    public DbSet<OriginalTag> Tags => Set<OriginalTag>();
    public DbSet<OriginalAttribute> Attributes => Set<OriginalAttribute>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ChangeCounterRecord> ChangeCounter => Set<ChangeCounterRecord>();

    /// <summary>How much of libvips' message an undecodable original keeps.</summary>
    public const int UndecodableReasonLength = 500;

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<OriginalRecord>(e =>
        {
            e.ToTable("originals");
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).HasMaxLength(128).UseCollation(CaseSensitiveCollation);
            e.Property(o => o.Generation).HasMaxLength(32);
            e.Property(o => o.StorageKey).HasMaxLength(255);
            e.Property(o => o.Format).HasMaxLength(16);
            e.Property(o => o.Sha256).HasMaxLength(64);
            e.Property(o => o.Placeholder).HasMaxLength(64);
            e.Property(o => o.DominantColor).HasMaxLength(7);
            e.Property(o => o.UndecodableReason).HasMaxLength(UndecodableReasonLength);
            e.HasIndex(o => o.Format);
            e.HasIndex(o => o.CreatedAt);
        });

        // Tags and attributes are tables rather than JSON columns: the same SQL on SQLite, PostgreSQL and MySQL,
        // and tag filters are index lookups on (Tag, OriginalId).
        model.Entity<OriginalTag>(e =>
        {
            e.ToTable("original_tags");
            e.HasKey(t => new { t.OriginalId, t.Tag });
            e.Property(t => t.OriginalId).HasMaxLength(128).UseCollation(CaseSensitiveCollation);
            e.Property(t => t.Tag).HasMaxLength(64).UseCollation(CaseSensitiveCollation);
            e.HasOne<OriginalRecord>().WithMany().HasForeignKey(t => t.OriginalId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.Tag, t.OriginalId });
        });

        model.Entity<OriginalAttribute>(e =>
        {
            e.ToTable("original_attributes");
            e.HasKey(a => new { a.OriginalId, a.Key });
            e.Property(a => a.OriginalId).HasMaxLength(128).UseCollation(CaseSensitiveCollation);
            e.Property(a => a.Key).HasMaxLength(64).UseCollation(CaseSensitiveCollation);
            e.Property(a => a.Value).HasMaxLength(1024);
            e.HasOne<OriginalRecord>().WithMany().HasForeignKey(a => a.OriginalId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<DerivedRecord>(e =>
        {
            e.ToTable("derived");
            e.HasKey(d => new { d.OriginalId, d.Variant });
            e.Property(d => d.OriginalId).HasMaxLength(128).UseCollation(CaseSensitiveCollation);
            e.Property(d => d.Variant).HasMaxLength(128);
            e.Property(d => d.OriginalGeneration).HasMaxLength(32);
            e.Property(d => d.StorageKey).HasMaxLength(255);
            e.Property(d => d.LeaseOwner).HasMaxLength(32);
            e.Property(d => d.Format).HasMaxLength(16);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.HasOne<OriginalRecord>().WithMany().HasForeignKey(d => d.OriginalId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.State, d.LeaseExpiresAt });
            e.HasIndex(d => d.LastAccessAt);
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("webhook_outbox");
            e.HasKey(m => m.Id);
            e.Property(m => m.Target).HasMaxLength(2048);
            e.Property(m => m.Event).HasMaxLength(32);
            e.Property(m => m.LeaseOwner).HasMaxLength(32);
            e.Property(m => m.LastError).HasMaxLength(512);
            e.HasIndex(m => m.NextAttemptAt);
        });

        model.Entity<BlobJournalEntry>(e =>
        {
            e.ToTable("blob_journal");
            e.HasKey(j => j.Id);
            e.Property(j => j.StorageKey).HasMaxLength(255);
            e.Property(j => j.Owner).HasMaxLength(32);
            e.HasIndex(j => j.DeleteAfter);
            e.HasIndex(j => j.Owner);
        });

        model.Entity<ChangeCounterRecord>(e =>
        {
            e.ToTable("change_counter");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasData(new ChangeCounterRecord { Id = ChangeCounterRecord.SingleId, Value = 0 });
        });
    }

    /// <summary>IDs are case-sensitive and ordered by code point for paging.</summary>
    protected abstract string CaseSensitiveCollation { get; }
}
