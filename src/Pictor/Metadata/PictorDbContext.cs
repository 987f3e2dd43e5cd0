using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

/// <summary>The metadata model, shared by the providers; each provider has a subclass holding its migrations.</summary>
public abstract class PictorDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OriginalRecord> Originals => Set<OriginalRecord>();
    public DbSet<DerivedRecord> Derived => Set<DerivedRecord>();
    public DbSet<BlobJournalEntry> BlobJournal => Set<BlobJournalEntry>();

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
    }

    /// <summary>IDs are case-sensitive and ordered by code point for paging.</summary>
    protected abstract string CaseSensitiveCollation { get; }
}
