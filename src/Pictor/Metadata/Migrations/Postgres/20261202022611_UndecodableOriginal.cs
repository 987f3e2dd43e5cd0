using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndecodableReason",
                table: "originals",
                type: "character varying(500)",
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
