using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalEntryOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "blob_journal",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_blob_journal_Owner",
                table: "blob_journal",
                column: "Owner");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_blob_journal_Owner",
                table: "blob_journal");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "blob_journal");
        }
    }
}
