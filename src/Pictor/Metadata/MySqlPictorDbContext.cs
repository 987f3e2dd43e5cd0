using Microsoft.EntityFrameworkCore;
using MySql.EntityFrameworkCore.Extensions;

namespace Pictor.Metadata;

/// <summary>MySQL and MariaDB (Oracle's MySql.EntityFrameworkCore provider).</summary>
public sealed class MySqlPictorDbContext(DbContextOptions<MySqlPictorDbContext> options) : PictorDbContext(options)
{
    /// <summary>Byte order: case-sensitive, and the code-point order of the ASCII IDs.</summary>
    protected override string CaseSensitiveCollation => "utf8mb4_bin";

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // The provider's migrations read only its own annotations: a character set per table (not the model's)
        // and a collation per column (not EF's UseCollation). Without them the tables take the server's
        // defaults, latin1 and a case-insensitive collation on a server without configuration, and
        // 'Photo' and 'photo' would be one ID. utf8mb4 keys stay within InnoDB's 3072-byte limit at these lengths.
        foreach (var entity in model.Model.GetEntityTypes())
        {
            entity.SetCharSet("utf8mb4");
            foreach (var property in entity.GetProperties().Where(p => p.GetCollation() is not null))
                model.Entity(entity.ClrType).Property(property.Name).ForMySQLHasCollation(property.GetCollation()!);
        }
    }
}
