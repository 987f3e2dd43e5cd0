using System;
using Microsoft.EntityFrameworkCore.Migrations;
using MySql.EntityFrameworkCore.Metadata;

#nullable disable

namespace Pictor.Metadata.Migrations.MySql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "blob_journal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySQL:ValueGenerationStrategy", MySQLValueGenerationStrategy.IdentityColumn),
                    StorageKey = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false),
                    DeleteAfter = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    Owner = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blob_journal", x => x.Id);
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "originals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false, collation: "utf8mb4_bin"),
                    Generation = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false),
                    StorageKey = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false),
                    Format = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false),
                    Frames = table.Column<int>(type: "int", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_originals", x => x.Id);
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "derived",
                columns: table => new
                {
                    OriginalId = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false, collation: "utf8mb4_bin"),
                    Variant = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false),
                    OriginalGeneration = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    StorageKey = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false),
                    LeaseOwner = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "datetime(6)", nullable: true),
                    JournalId = table.Column<long>(type: "bigint", nullable: true),
                    Format = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_derived", x => new { x.OriginalId, x.Variant });
                    table.ForeignKey(
                        name: "FK_derived_originals_OriginalId",
                        column: x => x.OriginalId,
                        principalTable: "originals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_blob_journal_DeleteAfter",
                table: "blob_journal",
                column: "DeleteAfter");

            migrationBuilder.CreateIndex(
                name: "IX_blob_journal_Owner",
                table: "blob_journal",
                column: "Owner");

            migrationBuilder.CreateIndex(
                name: "IX_derived_State_LeaseExpiresAt",
                table: "derived",
                columns: new[] { "State", "LeaseExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blob_journal");

            migrationBuilder.DropTable(
                name: "derived");

            migrationBuilder.DropTable(
                name: "originals");
        }
    }
}
