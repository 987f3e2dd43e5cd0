using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.MySql
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
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndecodableReason",
                table: "originals",
                type: "varchar(500)",
                maxLength: 500,
                nullable: true)
                .Annotation("MySQL:Charset", "utf8mb4");
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
