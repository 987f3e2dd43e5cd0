using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

public sealed class SqlitePictorDbContext(DbContextOptions<SqlitePictorDbContext> options) : PictorDbContext(options)
{
    protected override string CaseSensitiveCollation => "BINARY";
}
