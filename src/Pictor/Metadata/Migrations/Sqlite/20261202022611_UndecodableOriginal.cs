using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UndecodableOriginal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UndecodableAt",
                table: "originals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndecodableReason",
                table: "originals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UndecodableAt",
                table: "originals");

            migrationBuilder.DropColumn(
                name: "UndecodableReason",
                table: "originals");
        }
    }
}
