<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AlertController</name>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="88"/>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="89"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="90"/>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="91"/>
        <source>Speed (km/h)</source>
        <translation>Tốc độ (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="92"/>
        <source>Limit (km/h)</source>
        <translation>Giới hạn (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="93"/>
        <source>Parked for (s)</source>
        <translation>Đỗ trong (giây)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="94"/>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="291"/>
        <source>Ignored a malformed alert: %1</source>
        <translation>Đã bỏ qua một cảnh báo sai định dạng: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="411"/>
        <source>Could not %1 alert %2: %3</source>
        <translation>Không thể %1 cảnh báo %2: %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="427"/>
        <source>acknowledge</source>
        <translation>xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="428"/>
        <source>dismiss</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="429"/>
        <source>escalate</source>
        <translation>chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="442"/>
        <source>False positives: %1</source>
        <translation>Báo nhầm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="462"/>
        <source>Confidence</source>
        <translation>Độ tin cậy</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="465"/>
        <source>Repeats</source>
        <translation>Số lần lặp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="509"/>
        <source>No snapshot</source>
        <translation>Không có ảnh chụp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="514"/>
        <source>Snapshot unavailable offline</source>
        <translation>Không tải được ảnh khi mất kết nối</translation>
    </message>
</context>
<context>
    <name>AlertDetailWidget</name>
    <message>
        <location filename="../../widgets/alert_detail.py" line="170"/>
        <location filename="../../widgets/alert_detail.py" line="232"/>
        <source>No alert selected</source>
        <translation>Chưa chọn cảnh báo</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="178"/>
        <source>Show camera</source>
        <translation>Xem camera</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="186"/>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="207"/>
        <source>Loading snapshot…</source>
        <translation>Đang tải ảnh chụp…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="222"/>
        <source>Snapshot unreadable</source>
        <translation>Không đọc được ảnh chụp</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="76"/>
        <source>Wrong-way driving</source>
        <translation>Đi ngược chiều</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="77"/>
        <source>Red-light running</source>
        <translation>Vượt đèn đỏ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="78"/>
        <source>No helmet</source>
        <translation>Không đội mũ bảo hiểm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="79"/>
        <source>Illegal parking</source>
        <translation>Đỗ xe sai quy định</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="80"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="81"/>
        <source>Street vending</source>
        <translation>Buôn bán hàng rong</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="82"/>
        <source>Littering</source>
        <translation>Xả rác</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="83"/>
        <source>Crowding</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="84"/>
        <source>Smoke / fire</source>
        <translation>Khói / cháy</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="85"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="86"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="87"/>
        <source>Intrusion</source>
        <translation>Xâm nhập</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="88"/>
        <source>Lane violation</source>
        <translation>Đi sai làn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="89"/>
        <source>Speeding</source>
        <translation>Quá tốc độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="90"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="91"/>
        <source>Accident</source>
        <translation>Tai nạn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="92"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="93"/>
        <source>Loitering</source>
        <translation>Lảng vảng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="94"/>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="95"/>
        <source>Medium</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="96"/>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="97"/>
        <source>Critical</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="98"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="99"/>
        <source>Acknowledged</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="100"/>
        <source>Dismissed</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="101"/>
        <source>Escalated</source>
        <translation>Đã chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="103"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="104"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="105"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="106"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="257"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="258"/>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="259"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="260"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="261"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="262"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="263"/>
        <source>Owner</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="264"/>
        <source>Count</source>
        <translation>Số lần</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="265"/>
        <source>Snapshot</source>
        <translation>Ảnh chụp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="267"/>
        <source>%1 (pending)</source>
        <translation>%1 (đang chờ gửi)</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="703"/>
        <source>%1 alerts, last at %2</source>
        <translation>%1 cảnh báo, lần cuối lúc %2</translation>
    </message>
</context>
<context>
    <name>AlertTableWidget</name>
    <message>
        <location filename="../../widgets/alert_table.py" line="277"/>
        <source>Filter alerts (type, camera, ward, state)…</source>
        <translation>Lọc cảnh báo (loại, camera, phường, trạng thái)…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="279"/>
        <source>Filter (F)</source>
        <translation>Lọc (F)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="280"/>
        <source>All types</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="281"/>
        <source>All severities</source>
        <translation>Mọi mức độ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="282"/>
        <source>All wards</source>
        <translation>Mọi phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="283"/>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="286"/>
        <source>Acknowledge</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="287"/>
        <source>Acknowledge the selected alerts (A)</source>
        <translation>Xác nhận các cảnh báo đã chọn (A)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="288"/>
        <source>Dismiss…</source>
        <translation>Bỏ qua…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="289"/>
        <source>Dismiss the selected alerts with a reason (D)</source>
        <translation>Bỏ qua các cảnh báo đã chọn kèm lý do (D)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="290"/>
        <source>Escalate</source>
        <translation>Chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="291"/>
        <source>Escalate the selected alerts to incidents (E)</source>
        <translation>Chuyển các cảnh báo đã chọn thành sự vụ (E)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="294"/>
        <source>Mute alarms</source>
        <translation>Tắt âm báo động</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="295"/>
        <source>Mute the alarm sounds of critical and high alerts</source>
        <translation>Tắt âm báo động của cảnh báo khẩn cấp và cao</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="300"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="301"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="302"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="303"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/alert_table.py" line="562"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n cảnh báo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CameraTreeWidget</name>
    <message>
        <location filename="../../widgets/camera_tree.py" line="22"/>
        <source>Search cameras or wards…</source>
        <translation>Tìm camera hoặc phường…</translation>
    </message>
</context>
<context>
    <name>CityMapWidget</name>
    <message>
        <location filename="../../widgets/city_map.py" line="304"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="305"/>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="306"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="307"/>
        <source>Sensors</source>
        <translation>Cảm biến</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="320"/>
        <source>Whole city</source>
        <translation>Toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="396"/>
        <source>Demo map data: approximate ward shapes, not official boundaries.</source>
        <translation>Dữ liệu bản đồ minh họa: ranh giới phường/xã gần đúng, không phải ranh giới chính thức.</translation>
    </message>
    <message>
        <location filename="../../widgets/city_map.py" line="461"/>
        <source>%1 cameras · %2 alerts · %3 incidents</source>
        <translation>%1 camera · %2 cảnh báo · %3 sự cố</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <location filename="../../console/app.py" line="153"/>
        <source>Cannot reach the backend at %1</source>
        <translation>Không kết nối được máy chủ %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="266"/>
        <source>The saved wall layout is invalid (%1); showing the default layout.</source>
        <translation>Bố cục tường video đã lưu không hợp lệ (%1); đang dùng bố cục mặc định.</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="279"/>
        <source>Incidents not loaded: %1</source>
        <translation>Chưa tải được danh sách sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="346"/>
        <source>PTZ command not sent: %1</source>
        <translation>Không gửi được lệnh PTZ: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="374"/>
        <source>Normal operations</source>
        <translation>Vận hành thường ngày</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="425"/>
        <location filename="../../console/app.py" line="645"/>
        <source>Layout not applied: %1</source>
        <translation>Không áp dụng bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="494"/>
        <source>Click the incident&apos;s place on the map</source>
        <translation>Nhấp vào vị trí của sự cố trên bản đồ</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="503"/>
        <source>Drag a rectangle on the map around the cameras to search</source>
        <translation>Kéo một hình chữ nhật trên bản đồ quanh các camera cần tìm</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="511"/>
        <source>%1 cameras in the search area</source>
        <translation>%1 camera trong khu vực tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="523"/>
        <source>The selected tile has no picture to attach.</source>
        <translation>Ô đang chọn không có hình để đính kèm.</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="528"/>
        <source>Snapshot of %1</source>
        <translation>Ảnh chụp %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="538"/>
        <source>Snapshot saved: %1</source>
        <translation>Đã lưu ảnh chụp: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="663"/>
        <source>Could not push the layout: %1</source>
        <translation>Không thể đẩy bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="668"/>
        <source>Layout %1 pushed to the walls</source>
        <translation>Đã đẩy bố cục %1 lên các màn hình tường</translation>
    </message>
</context>
<context>
    <name>EvidenceController</name>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="184"/>
        <source>Evidence search</source>
        <translation>Tra cứu chứng cứ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="254"/>
        <source>Enter the case number and the reason first.</source>
        <translation>Hãy nhập số hồ sơ và lý do trước.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="270"/>
        <source>Fetching the recording…</source>
        <translation>Đang tải bản ghi…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="277"/>
        <source>Playing %1 cameras around %2</source>
        <translation>Đang phát %1 camera quanh %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="287"/>
        <source>Searching…</source>
        <translation>Đang tìm kiếm…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="291"/>
        <location filename="../../console/controllers/evidence_controller.py" line="310"/>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm thất bại: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="295"/>
        <source>%1 events found</source>
        <translation>Tìm thấy %1 sự kiện</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="297"/>
        <source>(scroll for more)</source>
        <translation>(cuộn xuống để xem thêm)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="299"/>
        <source>Nothing found</source>
        <translation>Không tìm thấy kết quả</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="354"/>
        <source>Building the evidence package…</source>
        <translation>Đang tạo gói chứng cứ…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="363"/>
        <source>Downloading the evidence package…</source>
        <translation>Đang tải gói chứng cứ…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="369"/>
        <source>Export failed: %1</source>
        <translation>Xuất thất bại: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="385"/>
        <source>Verifying %1…</source>
        <translation>Đang kiểm tra %1…</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="389"/>
        <source>Verified: signature valid, all %1 files match the manifest.</source>
        <translation>Đã xác minh: chữ ký hợp lệ, cả %1 tệp khớp với bản kê.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="393"/>
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_controller.py" line="396"/>
        <source>NOT verified: %1</source>
        <translation>KHÔNG xác minh được: %1</translation>
    </message>
</context>
<context>
    <name>EvidencePlaybackController</name>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="133"/>
        <source>Video playback is not available on this console.</source>
        <translation>Máy trạm này không phát được video.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="149"/>
        <source>No recording of these cameras around that moment.</source>
        <translation>Không có bản ghi của các camera này quanh thời điểm đó.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="168"/>
        <source>Cannot play the recording: %1</source>
        <translation>Không phát được bản ghi: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="252"/>
        <source>opening</source>
        <translation>đang mở</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="252"/>
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="253"/>
        <source>end</source>
        <translation>hết</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="253"/>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="263"/>
        <source>sync ±%1 ms</source>
        <translation>đồng bộ ±%1 ms</translation>
    </message>
    <message>
        <location filename="../../console/controllers/evidence_playback.py" line="318"/>
        <source>Bookmark</source>
        <translation>Dấu trang</translation>
    </message>
</context>
<context>
    <name>EvidencePlayerWidget</name>
    <message>
        <location filename="../../widgets/evidence_player.py" line="60"/>
        <source>Select a result and press Play to review the recording around it.</source>
        <translation>Chọn một kết quả rồi bấm Phát để xem lại bản ghi quanh thời điểm đó.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="69"/>
        <location filename="../../widgets/evidence_player.py" line="153"/>
        <source>Play</source>
        <translation>Phát</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="71"/>
        <source>◀ Frame</source>
        <translation>◀ Khung hình</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="72"/>
        <source>Previous frame</source>
        <translation>Khung hình trước</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="74"/>
        <source>Frame ▶</source>
        <translation>Khung hình ▶</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="75"/>
        <source>Next frame</source>
        <translation>Khung hình sau</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="81"/>
        <source>Playback speed</source>
        <translation>Tốc độ phát</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="95"/>
        <source>Note for a bookmark at this moment</source>
        <translation>Ghi chú cho dấu trang tại thời điểm này</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="97"/>
        <source>Bookmark</source>
        <translation>Đánh dấu</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="99"/>
        <source>Delete bookmark</source>
        <translation>Xóa dấu trang</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="109"/>
        <source>Double-click to go there; ticked bookmarks are added to the export</source>
        <translation>Nhấp đúp để đến thời điểm đó; các dấu trang được tích sẽ được đưa vào gói xuất</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_player.py" line="153"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
</context>
<context>
    <name>EvidenceSearchWidget</name>
    <message>
        <location filename="../../widgets/evidence_search.py" line="56"/>
        <source>e.g. HS-2026-0815</source>
        <translation>ví dụ HS-2026-0815</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="58"/>
        <source>Why you need this evidence</source>
        <translation>Lý do cần chứng cứ này</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="68"/>
        <source>Any part, e.g. 123.4</source>
        <translation>Một phần biển số, ví dụ 123.4</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="78"/>
        <source>Area on map…</source>
        <translation>Vùng trên bản đồ…</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="79"/>
        <source>Drag a rectangle on the city map</source>
        <translation>Kéo một hình chữ nhật trên bản đồ thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="81"/>
        <source>Clear area</source>
        <translation>Bỏ vùng</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="86"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="92"/>
        <source>Case number</source>
        <translation>Số hồ sơ vụ việc</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="93"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="98"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="99"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="104"/>
        <source>Area</source>
        <translation>Khu vực</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="105"/>
        <source>Analytics</source>
        <translation>Loại phân tích</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="106"/>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="110"/>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="126"/>
        <source> s before and after</source>
        <translation> giây trước và sau</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="127"/>
        <source>Export selected…</source>
        <translation>Xuất mục đã chọn…</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="129"/>
        <source>Verify package…</source>
        <translation>Kiểm tra gói…</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="138"/>
        <source>Play selected</source>
        <translation>Phát mục đã chọn</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="140"/>
        <source>Play the recording around the selected events (up to four cameras)</source>
        <translation>Phát bản ghi quanh các sự kiện đã chọn (tối đa bốn camera)</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="145"/>
        <source>+ nearby cameras: </source>
        <translation>+ camera lân cận: </translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="186"/>
        <source>All cameras</source>
        <translation>Tất cả camera</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="190"/>
        <source>All analytics</source>
        <translation>Tất cả loại phân tích</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="247"/>
        <source>Enter the case number and the reason first.</source>
        <translation>Hãy nhập số hồ sơ và lý do trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="269"/>
        <source>%1 cameras in the area</source>
        <translation>%1 camera trong khu vực</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="284"/>
        <source>No camera in the area: draw a larger one.</source>
        <translation>Không có camera nào trong khu vực: hãy vẽ vùng lớn hơn.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="293"/>
        <source>Select the events to export first.</source>
        <translation>Hãy chọn các sự kiện cần xuất trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="302"/>
        <source>Select the events to play first.</source>
        <translation>Hãy chọn các sự kiện cần phát trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="312"/>
        <source>Verify evidence package</source>
        <translation>Kiểm tra gói chứng cứ</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="312"/>
        <source>Evidence packages (*.zip)</source>
        <translation>Gói chứng cứ (*.zip)</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="320"/>
        <source>white</source>
        <translation>trắng</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="320"/>
        <source>black</source>
        <translation>đen</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="320"/>
        <source>silver</source>
        <translation>bạc</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="321"/>
        <source>grey</source>
        <translation>xám</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="321"/>
        <source>red</source>
        <translation>đỏ</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="321"/>
        <source>blue</source>
        <translation>xanh dương</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="322"/>
        <source>yellow</source>
        <translation>vàng</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="322"/>
        <source>green</source>
        <translation>xanh lá</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="322"/>
        <source>brown</source>
        <translation>nâu</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="325"/>
        <source>car</source>
        <translation>ô tô</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="325"/>
        <source>motorbike</source>
        <translation>xe máy</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="326"/>
        <source>truck</source>
        <translation>xe tải</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="326"/>
        <source>bus</source>
        <translation>xe buýt</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="328"/>
        <source>Any colour</source>
        <translation>Mọi màu</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_search.py" line="331"/>
        <source>Any vehicle</source>
        <translation>Mọi loại xe</translation>
    </message>
</context>
<context>
    <name>FieldReportInboxWidget</name>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="124"/>
        <source>Create incident</source>
        <translation>Tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="127"/>
        <source>incident #</source>
        <translation>sự cố số</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="128"/>
        <source>Link to incident</source>
        <translation>Gắn vào sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="131"/>
        <source>Answer to the citizen</source>
        <translation>Trả lời người dân</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="132"/>
        <source>Send to citizen</source>
        <translation>Gửi cho người dân</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="137"/>
        <source>Show</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="174"/>
        <source>(status unchanged)</source>
        <translation>(giữ nguyên trạng thái)</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="206"/>
        <source>Type the number of the incident to link to.</source>
        <translation>Nhập số sự cố cần gắn vào.</translation>
    </message>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="216"/>
        <source>Choose a status or write an answer first.</source>
        <translation>Hãy chọn trạng thái hoặc viết câu trả lời trước.</translation>
    </message>
</context>
<context>
    <name>FieldReportTableModel</name>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="163"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="164"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="165"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="166"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="167"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="168"/>
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="169"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="170"/>
        <source>Rating</source>
        <translation>Đánh giá</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="182"/>
        <source>reply pending</source>
        <translation>phản hồi đang chờ gửi</translation>
    </message>
</context>
<context>
    <name>HotlineCallTableModel</name>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="226"/>
        <source>Number</source>
        <translation>Số gọi</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="227"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="228"/>
        <source>Topic</source>
        <translation>Chủ đề</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="229"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="230"/>
        <source>Duration</source>
        <translation>Thời lượng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="231"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_sources_model.py" line="232"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
</context>
<context>
    <name>HotlineLogWidget</name>
    <message>
        <location filename="../../widgets/field_report_inbox.py" line="230"/>
        <source>Create incident from call</source>
        <translation>Tạo sự cố từ cuộc gọi</translation>
    </message>
</context>
<context>
    <name>IncidentBoardModel</name>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="93"/>
        <source>&lt;1 min</source>
        <translation>&lt;1 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="98"/>
        <source>%1 d %2 h</source>
        <translation>%1 ngày %2 giờ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="104"/>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="108"/>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="113"/>
        <source>SLA met</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="115"/>
        <source>SLA missed</source>
        <translation>Trễ hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="119"/>
        <source>overdue %1</source>
        <translation>quá hạn %1</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="122"/>
        <source>%1 left</source>
        <translation>còn %1</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="164"/>
        <source>Incident</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="209"/>
        <source>%1 unit(s)</source>
        <translation>%1 lực lượng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_board_model.py" line="212"/>
        <source>pending sync</source>
        <translation>chờ đồng bộ</translation>
    </message>
</context>
<context>
    <name>IncidentBoardWidget</name>
    <message>
        <location filename="../../widgets/incident_board.py" line="196"/>
        <location filename="../../widgets/incident_board.py" line="284"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="198"/>
        <source>Command support view</source>
        <translation>Chế độ hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="201"/>
        <source>New incident…</source>
        <translation>Sự cố mới…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="205"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="207"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="209"/>
        <source>Unit</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="228"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="229"/>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="230"/>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="231"/>
        <source>Resolved</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_board.py" line="232"/>
        <source>Closed / cancelled</source>
        <translation>Đã đóng / đã hủy</translation>
    </message>
</context>
<context>
    <name>IncidentController</name>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="426"/>
        <source>To handle</source>
        <translation>Cần xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="427"/>
        <source>All reports</source>
        <translation>Tất cả phản ánh</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="562"/>
        <source>An unfinished incident draft was restored.</source>
        <translation>Đã khôi phục bản nháp sự cố chưa hoàn tất.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="582"/>
        <source>Confidence %1</source>
        <translation>Độ tin cậy %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="596"/>
        <source>From alert #%1 · camera %2 · %3</source>
        <translation>Từ cảnh báo #%1 · camera %2 · %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="603"/>
        <source>Snapshot of alert #%1</source>
        <translation>Ảnh chụp cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="625"/>
        <source>From field report %1 · %2</source>
        <translation>Từ phản ánh %1 · %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="628"/>
        <source>Citizen&apos;s photo</source>
        <translation>Ảnh của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="641"/>
        <source>%1 — hotline call</source>
        <translation>%1 — cuộc gọi đường dây nóng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="647"/>
        <source>From hotline call #%1 · %2 · %3</source>
        <translation>Từ cuộc gọi #%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="693"/>
        <source>Attachments: %1</source>
        <translation>Tệp đính kèm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="722"/>
        <source>An attachment cannot be read: %1</source>
        <translation>Không đọc được tệp đính kèm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="730"/>
        <location filename="../../console/controllers/incident_controller.py" line="1210"/>
        <source>The backend would refuse this: %1</source>
        <translation>Máy chủ sẽ từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="853"/>
        <source>The backend refused the incident: %1</source>
        <translation>Máy chủ từ chối sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="855"/>
        <source>Incident not created: %1</source>
        <translation>Chưa tạo được sự cố: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="878"/>
        <source>Incident #%1 created</source>
        <translation>Đã tạo sự cố #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="919"/>
        <source>Change to incident #%1 refused: %2</source>
        <translation>Thay đổi sự cố #%1 bị từ chối: %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="940"/>
        <source>Incident #%1 was changed by someone else: your change was not applied.</source>
        <translation>Sự cố #%1 đã được người khác thay đổi: thay đổi của bạn chưa được áp dụng.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="949"/>
        <source>Incident #%1 was changed by someone else (now version %2). Your change was not applied: compare, then apply it to the current version or discard it.</source>
        <translation>Sự cố #%1 đã được người khác thay đổi (nay là phiên bản %2). Thay đổi của bạn chưa được áp dụng: hãy so sánh, rồi áp dụng lên phiên bản hiện tại hoặc bỏ đi.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="960"/>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="972"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="974"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="976"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="982"/>
        <location filename="../../console/controllers/incident_controller.py" line="1084"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="991"/>
        <location filename="../../console/controllers/incident_controller.py" line="1088"/>
        <source>Units</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="999"/>
        <source>Checklist</source>
        <translation>Danh mục kiểm tra</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1001"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1012"/>
        <source>Your change was discarded.</source>
        <translation>Đã bỏ thay đổi của bạn.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1029"/>
        <source>Incident #%1 cannot be closed: these required SOP steps are not done: %2</source>
        <translation>Chưa thể đóng sự cố #%1: các bước SOP bắt buộc sau chưa hoàn thành: %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1077"/>
        <source>alert #%1</source>
        <translation>cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1079"/>
        <source>call #%1</source>
        <translation>cuộc gọi #%1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1082"/>
        <location filename="../../console/controllers/incident_controller.py" line="1319"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1083"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1085"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1086"/>
        <source>Created</source>
        <translation>Tạo lúc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1087"/>
        <location filename="../../console/controllers/incident_controller.py" line="1322"/>
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1089"/>
        <source>Linked</source>
        <translation>Liên kết</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1092"/>
        <source>Coordinates</source>
        <translation>Tọa độ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1102"/>
        <location filename="../../console/controllers/incident_controller.py" line="1329"/>
        <source>Citizen rating</source>
        <translation>Đánh giá của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1108"/>
        <source>created</source>
        <translation>tạo</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1109"/>
        <source>note</source>
        <translation>ghi chú</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1110"/>
        <source>state</source>
        <translation>trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1111"/>
        <source>dispatch</source>
        <translation>điều phối</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1112"/>
        <source>link</source>
        <translation>liên kết</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1113"/>
        <source>checklist</source>
        <translation>kiểm tra</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1114"/>
        <source>update</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1139"/>
        <source>Changes waiting to be sent (backend unreachable)</source>
        <translation>Thay đổi đang chờ gửi (mất kết nối máy chủ)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1158"/>
        <source>field report %1</source>
        <translation>phản ánh %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1247"/>
        <source>No incident #%1 on the board.</source>
        <translation>Không có sự cố #%1 trên bảng.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1272"/>
        <location filename="../../console/controllers/incident_controller.py" line="1299"/>
        <source>Reply not sent: %1</source>
        <translation>Chưa gửi được phản hồi: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1287"/>
        <source>Backend unreachable: the reply is queued and will be sent.</source>
        <translation>Không kết nối được máy chủ: phản hồi đã được xếp hàng và sẽ được gửi.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1318"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1320"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="978"/>
        <location filename="../../console/controllers/incident_controller.py" line="1094"/>
        <location filename="../../console/controllers/incident_controller.py" line="1321"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1323"/>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1326"/>
        <source>Reply</source>
        <translation>Phản hồi</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1326"/>
        <source>waiting to be sent (backend unreachable)</source>
        <translation>đang chờ gửi (không kết nối được máy chủ)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/incident_controller.py" line="1332"/>
        <source>Photo</source>
        <translation>Ảnh</translation>
    </message>
</context>
<context>
    <name>IncidentDeskWidget</name>
    <message>
        <location filename="../../widgets/incident_desk.py" line="29"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_desk.py" line="30"/>
        <source>Field reports</source>
        <translation>Phản ánh hiện trường</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_desk.py" line="31"/>
        <source>Hotline 1900 1075</source>
        <translation>Đường dây nóng 1900 1075</translation>
    </message>
</context>
<context>
    <name>IncidentDetailWidget</name>
    <message>
        <location filename="../../widgets/incident_detail.py" line="101"/>
        <location filename="../../widgets/incident_detail.py" line="329"/>
        <source>No incident selected</source>
        <translation>Chưa chọn sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="120"/>
        <source>Dispatch selected units</source>
        <translation>Điều phối lực lượng đã chọn</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="123"/>
        <source>Mark dispatched</source>
        <translation>Đánh dấu đã điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="124"/>
        <source>Start work</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="125"/>
        <source>Resolve</source>
        <translation>Xử lý xong</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="126"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="127"/>
        <source>Cancel incident…</source>
        <translation>Hủy sự cố…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="129"/>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="131"/>
        <source>Reason (needed to cancel or reopen)</source>
        <translation>Lý do (bắt buộc khi hủy hoặc mở lại)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="133"/>
        <source>Add a note to the timeline</source>
        <translation>Thêm ghi chú vào diễn biến</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="134"/>
        <source>Add note</source>
        <translation>Thêm ghi chú</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="149"/>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="157"/>
        <source>Street address or landmark</source>
        <translation>Địa chỉ hoặc địa danh</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="160"/>
        <source>Save changes</source>
        <translation>Lưu thay đổi</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="161"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="163"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="164"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="165"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="166"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="183"/>
        <source>Apply my change to the current version</source>
        <translation>Áp dụng thay đổi của tôi lên phiên bản hiện tại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="184"/>
        <source>Discard my change</source>
        <translation>Bỏ thay đổi của tôi</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="205"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="217"/>
        <source>SOP checklist (required steps marked *)</source>
        <translation>Quy trình SOP (bước bắt buộc đánh dấu *)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="219"/>
        <source>Units</source>
        <translation>Lực lượng</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="225"/>
        <source>Timeline</source>
        <translation>Diễn biến</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="306"/>
        <source>busy</source>
        <translation>đang bận</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="366"/>
        <source>Current version (server)</source>
        <translation>Phiên bản hiện tại (máy chủ)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="366"/>
        <source>My change</source>
        <translation>Thay đổi của tôi</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="428"/>
        <source>Give a reason to cancel the incident.</source>
        <translation>Hãy nêu lý do hủy sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="432"/>
        <source>Give a reason to reopen the incident.</source>
        <translation>Hãy nêu lý do mở lại sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="456"/>
        <source>Tick the units to dispatch first.</source>
        <translation>Hãy đánh dấu lực lượng cần điều phối trước.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_detail.py" line="479"/>
        <source>Give the incident a title.</source>
        <translation>Hãy đặt tiêu đề cho sự cố.</translation>
    </message>
</context>
<context>
    <name>IncidentFormDialog</name>
    <message>
        <location filename="../../widgets/incident_form.py" line="670"/>
        <source>New incident</source>
        <translation>Sự cố mới</translation>
    </message>
</context>
<context>
    <name>IncidentFormWidget</name>
    <message>
        <location filename="../../widgets/incident_form.py" line="173"/>
        <source>What happened, where</source>
        <translation>Chuyện gì, ở đâu</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="181"/>
        <source>Street address or landmark</source>
        <translation>Địa chỉ hoặc địa danh</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="183"/>
        <source>latitude</source>
        <translation>vĩ độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="185"/>
        <source>longitude</source>
        <translation>kinh độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="200"/>
        <source>Add image…</source>
        <translation>Thêm ảnh…</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="201"/>
        <source>Attach a JPEG or PNG file</source>
        <translation>Đính kèm tệp JPEG hoặc PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="202"/>
        <source>Add tile snapshot</source>
        <translation>Thêm ảnh chụp ô hình</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="203"/>
        <source>Attach the picture of the selected wall tile</source>
        <translation>Đính kèm ảnh của ô đang chọn trên tường video</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="204"/>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="209"/>
        <source>Remove link</source>
        <translation>Bỏ liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="211"/>
        <source>Units of every ward</source>
        <translation>Lực lượng mọi phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="217"/>
        <source>Create incident</source>
        <translation>Tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="219"/>
        <source>Discard draft</source>
        <translation>Hủy bản nháp</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="220"/>
        <source>Close (keep draft)</source>
        <translation>Đóng (giữ bản nháp)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="222"/>
        <source>Pick on map</source>
        <translation>Chọn trên bản đồ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="223"/>
        <source>Click the place on the city map</source>
        <translation>Nhấp vào vị trí trên bản đồ thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="248"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="249"/>
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="250"/>
        <source>Process group</source>
        <translation>Nhóm quy trình</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="251"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="252"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="253"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="254"/>
        <source>Coordinates</source>
        <translation>Tọa độ</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="255"/>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="256"/>
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="258"/>
        <source>Linked</source>
        <translation>Liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="259"/>
        <source>Units to dispatch</source>
        <translation>Lực lượng điều phối</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="309"/>
        <source>— choose a category —</source>
        <translation>— chọn lĩnh vực —</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="314"/>
        <source>— choose a ward —</source>
        <translation>— chọn phường/xã —</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="318"/>
        <source>Kinds this category needs</source>
        <translation>Loại lực lượng lĩnh vực này cần</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="319"/>
        <source>Every kind</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="385"/>
        <source>Not an image this console can read: %1</source>
        <translation>Không phải ảnh mà bàn điều hành đọc được: %1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="427"/>
        <source>Give the incident a title.</source>
        <translation>Hãy đặt tiêu đề cho sự cố.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="430"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>Tiêu đề quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="435"/>
        <source>Choose a category.</source>
        <translation>Hãy chọn lĩnh vực.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="437"/>
        <source>Choose the ward where it happens.</source>
        <translation>Hãy chọn phường/xã nơi xảy ra.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="441"/>
        <source>Give both coordinates, or neither.</source>
        <translation>Nhập đủ cả hai tọa độ, hoặc để trống cả hai.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="443"/>
        <source>Latitude must be a number between -90 and 90.</source>
        <translation>Vĩ độ phải là số từ -90 đến 90.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="445"/>
        <source>Longitude must be a number between -180 and 180.</source>
        <translation>Kinh độ phải là số từ -180 đến 180.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="448"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>Mô tả quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="464"/>
        <source>usual: %1</source>
        <translation>thông thường: %1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="492"/>
        <source>Attach an image</source>
        <translation>Đính kèm ảnh</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="493"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="516"/>
        <source>Alert #%1</source>
        <translation>Cảnh báo #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="518"/>
        <source>Field report #%1</source>
        <translation>Phản ánh #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="522"/>
        <source>Hotline call #%1</source>
        <translation>Cuộc gọi #%1</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="531"/>
        <source>Nothing linked</source>
        <translation>Chưa có liên kết</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="564"/>
        <source>busy</source>
        <translation>đang bận</translation>
    </message>
    <message>
        <location filename="../../widgets/incident_form.py" line="576"/>
        <source>No unit matches: widen the filter</source>
        <translation>Không có lực lượng phù hợp: hãy mở rộng bộ lọc</translation>
    </message>
</context>
<context>
    <name>IncidentNames</name>
    <message>
        <location filename="../../console/models/incident_names.py" line="19"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="20"/>
        <source>Dispatched</source>
        <translation>Đã điều phối</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="21"/>
        <location filename="../../console/models/incident_names.py" line="62"/>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="22"/>
        <location filename="../../console/models/incident_names.py" line="63"/>
        <source>Resolved</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="23"/>
        <location filename="../../console/models/incident_names.py" line="64"/>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="24"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="27"/>
        <source>Immediate handling</source>
        <translation>Xử lý ngay</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="28"/>
        <source>Within a deadline</source>
        <translation>Xử lý theo thời hạn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="29"/>
        <source>Command support</source>
        <translation>Hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="32"/>
        <source>Broken street light</source>
        <translation>Đèn đường hỏng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="33"/>
        <source>Uncollected garbage</source>
        <translation>Rác thải chưa thu gom</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="34"/>
        <source>Road damage</source>
        <translation>Hư hỏng đường</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="35"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="36"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="37"/>
        <source>Noise</source>
        <translation>Tiếng ồn</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="38"/>
        <source>Security and order</source>
        <translation>An ninh trật tự</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="39"/>
        <source>Traffic accident</source>
        <translation>Tai nạn giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="40"/>
        <source>Traffic violation</source>
        <translation>Vi phạm giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="41"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="42"/>
        <source>Fire</source>
        <translation>Cháy nổ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="43"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="44"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="45"/>
        <source>Crowd</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="46"/>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="48"/>
        <source>Administrative procedures</source>
        <translation>Thủ tục hành chính</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="49"/>
        <source>Tourism</source>
        <translation>Du lịch</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="52"/>
        <source>Police</source>
        <translation>Công an</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="53"/>
        <source>Fire brigade</source>
        <translation>Cảnh sát PCCC</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="54"/>
        <source>Ward committee</source>
        <translation>UBND phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="55"/>
        <source>Environment and public works</source>
        <translation>Môi trường và công trình đô thị</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="56"/>
        <source>Electricity</source>
        <translation>Điện lực</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="57"/>
        <source>Traffic police</source>
        <translation>Cảnh sát giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="58"/>
        <source>Medical</source>
        <translation>Y tế</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="61"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="65"/>
        <source>Rejected</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="68"/>
        <source>Resolved on the call</source>
        <translation>Giải quyết ngay khi gọi</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="69"/>
        <source>Forwarded</source>
        <translation>Đã chuyển tiếp</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="70"/>
        <source>Incident created</source>
        <translation>Đã tạo sự cố</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="71"/>
        <source>Information given</source>
        <translation>Đã cung cấp thông tin</translation>
    </message>
    <message>
        <location filename="../../console/models/incident_names.py" line="72"/>
        <source>Dropped</source>
        <translation>Cuộc gọi bị ngắt</translation>
    </message>
</context>
<context>
    <name>KpiBoardWidget</name>
    <message>
        <location filename="../../widgets/kpi_board.py" line="32"/>
        <source>Last hour</source>
        <translation>1 giờ qua</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="33"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="34"/>
        <source>7 days</source>
        <translation>7 ngày</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="35"/>
        <source>30 days</source>
        <translation>30 ngày</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="83"/>
        <location filename="../../widgets/kpi_board.py" line="150"/>
        <source>Whole city</source>
        <translation>Toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="95"/>
        <source>Time range:</source>
        <translation>Khoảng thời gian:</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="98"/>
        <source>Ward:</source>
        <translation>Phường/xã:</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="234"/>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="237"/>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_board.py" line="241"/>
        <source>Export chart</source>
        <translation>Xuất biểu đồ</translation>
    </message>
</context>
<context>
    <name>KpiChartWidget</name>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="122"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="123"/>
        <source>Export the chart as a PNG image</source>
        <translation>Xuất biểu đồ thành ảnh PNG</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="125"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../widgets/kpi_chart.py" line="126"/>
        <source>Export the numbers as CSV</source>
        <translation>Xuất số liệu thành CSV</translation>
    </message>
</context>
<context>
    <name>KpiController</name>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="68"/>
        <source>Field reports received / processed</source>
        <translation>Phản ánh tiếp nhận / đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="69"/>
        <source>Field reports processed on time</source>
        <translation>Phản ánh xử lý đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="70"/>
        <source>Citizen satisfaction</source>
        <translation>Mức độ hài lòng của người dân</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="71"/>
        <source>Incident SLA compliance</source>
        <translation>Tỷ lệ xử lý sự cố đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="72"/>
        <source>AI alerts per hour by type</source>
        <translation>Cảnh báo AI mỗi giờ theo loại</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="73"/>
        <source>False positives by type</source>
        <translation>Cảnh báo sai theo loại</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="74"/>
        <source>Camera uptime</source>
        <translation>Thời gian hoạt động của camera</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="75"/>
        <source>Hotline 1900 1075 calls</source>
        <translation>Cuộc gọi đường dây nóng 1900 1075</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="76"/>
        <source>Hương river at Kim Long</source>
        <translation>Sông Hương tại Kim Long</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="77"/>
        <source>Bồ river at Phú Ốc</source>
        <translation>Sông Bồ tại Phú Ốc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="78"/>
        <source>Air quality (AQI)</source>
        <translation>Chất lượng không khí (AQI)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="81"/>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="82"/>
        <source>Processed</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="83"/>
        <source>Immediate handling</source>
        <translation>Xử lý ngay</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="84"/>
        <source>Within a deadline</source>
        <translation>Xử lý theo thời hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="85"/>
        <source>Command support</source>
        <translation>Hỗ trợ chỉ huy</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="86"/>
        <source>Kim Long</source>
        <translation>Kim Long</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="87"/>
        <source>Phú Ốc</source>
        <translation>Phú Ốc</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="88"/>
        <source>Thuận Hóa</source>
        <translation>Thuận Hóa</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="89"/>
        <source>Phong Điền</source>
        <translation>Phong Điền</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="92"/>
        <source>Field reports</source>
        <translation>Phản ánh hiện trường</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="93"/>
        <source>Incidents</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="94"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="95"/>
        <source>Hotline calls</source>
        <translation>Cuộc gọi đường dây nóng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="221"/>
        <source>Unknown KPI chart: %1</source>
        <translation>Biểu đồ KPI không xác định: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="312"/>
        <source>KPIs unavailable: %1</source>
        <translation>Không có số liệu KPI: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="402"/>
        <source>Updated %1</source>
        <translation>Cập nhật %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="408"/>
        <source>%1: %2 m, alarm level %3 (%4 from %5 m)</source>
        <translation>%1: %2 m, báo động %3 (%4 so với mốc %5 m)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="417"/>
        <source>Air quality at %1: AQI %2, alarm level %3</source>
        <translation>Chất lượng không khí tại %1: AQI %2, mức cảnh báo %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="434"/>
        <source>%1 h</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="438"/>
        <source>%1 received, %2 % processed (%3)</source>
        <translation>%1 tiếp nhận, %2 % đã xử lý (%3)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="448"/>
        <source>%1 % satisfied</source>
        <translation>%1 % hài lòng</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="457"/>
        <source>%1 alerts/h</source>
        <translation>%1 cảnh báo/giờ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="460"/>
        <source>highest %1 %</source>
        <translation>cao nhất %1 %</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="464"/>
        <source>%1 calls (%2)</source>
        <translation>%1 cuộc gọi (%2)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="544"/>
        <source>Could not load the records: %1</source>
        <translation>Không tải được dữ liệu: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="551"/>
        <source>whole city</source>
        <translation>toàn thành phố</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="553"/>
        <source>%1 — %2, %3 to %4, %5</source>
        <translation>%1 — %2, từ %3 đến %4, %5</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="561"/>
        <source>%1 records</source>
        <translation>%1 bản ghi</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="563"/>
        <source>The first %1 records</source>
        <translation>%1 bản ghi đầu tiên</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="687"/>
        <source>on time</source>
        <translation>đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="687"/>
        <source>late</source>
        <translation>trễ hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="696"/>
        <source>SLA met</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location filename="../../console/controllers/kpi_controller.py" line="696"/>
        <source>SLA missed</source>
        <translation>Trễ hạn</translation>
    </message>
</context>
<context>
    <name>KpiRecordTableModel</name>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="25"/>
        <source>ID</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="26"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="27"/>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="28"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="29"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/kpi_records_model.py" line="30"/>
        <source>Detail</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>LayoutPresetsDialog</name>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="32"/>
        <source>Server, shared</source>
        <translation>Máy chủ, dùng chung</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="33"/>
        <source>Server, private</source>
        <translation>Máy chủ, riêng tư</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="34"/>
        <source>This workstation only</source>
        <translation>Chỉ máy trạm này</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="65"/>
        <source>Wall presets</source>
        <translation>Bố cục mẫu của tường video</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="72"/>
        <source>Preset</source>
        <translation>Bố cục mẫu</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="72"/>
        <source>Kept</source>
        <translation>Lưu tại</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="72"/>
        <source>Owner</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="72"/>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="82"/>
        <source>Apply to the wall</source>
        <translation>Áp dụng lên tường video</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="84"/>
        <source>Replace with the current wall</source>
        <translation>Thay bằng tường video hiện tại</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="86"/>
        <source>Delete…</source>
        <translation>Xóa…</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="88"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="97"/>
        <source>Name of the new preset</source>
        <translation>Tên bố cục mẫu mới</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="103"/>
        <source>Save the current wall</source>
        <translation>Lưu tường video hiện tại</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="117"/>
        <source>Save the wall as it is now:</source>
        <translation>Lưu tường video như hiện tại:</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="202"/>
        <source>Delete preset</source>
        <translation>Xóa bố cục mẫu</translation>
    </message>
    <message>
        <location filename="../../widgets/preset_dialog.py" line="203"/>
        <source>Delete the preset “%1”?</source>
        <translation>Xóa bố cục mẫu “%1”?</translation>
    </message>
</context>
<context>
    <name>LiveCameraView</name>
    <message>
        <location filename="../../widgets/alert_detail.py" line="114"/>
        <source>No live camera</source>
        <translation>Không có camera trực tiếp</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="143"/>
        <source>Live: %1</source>
        <translation>Trực tiếp: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/login_dialog.py" line="21"/>
        <source>IOC console — sign in</source>
        <translation>Bàn điều hành IOC — đăng nhập</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="30"/>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="31"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="32"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/main_window.py" line="29"/>
        <source>IOC console — Huế Intelligent Operations Center</source>
        <translation>Bàn điều hành IOC — Trung tâm Giám sát, điều hành đô thị thông minh Huế</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="34"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="44"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="53"/>
        <source>Incidents and dispatch</source>
        <translation>Sự cố và điều phối</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="59"/>
        <source>&amp;Wall</source>
        <translation>&amp;Tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="60"/>
        <source>Open layout…</source>
        <translation>Mở bố cục…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="63"/>
        <source>Presets…</source>
        <translation>Bố cục mẫu…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="66"/>
        <source>Push layout to the walls</source>
        <translation>Đẩy bố cục lên các màn hình tường</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="74"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="77"/>
        <source>KPI board</source>
        <translation>Bảng chỉ số KPI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="78"/>
        <source>City map</source>
        <translation>Bản đồ thành phố</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="118"/>
        <source>Backend online</source>
        <translation>Máy chủ trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="119"/>
        <source>Connecting to backend…</source>
        <translation>Đang kết nối máy chủ…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="120"/>
        <source>Backend offline</source>
        <translation>Mất kết nối máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="146"/>
        <source>Open wall layout</source>
        <translation>Mở bố cục tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="146"/>
        <source>Wall layouts (*.json)</source>
        <translation>Bố cục tường video (*.json)</translation>
    </message>
</context>
<context>
    <name>MapController</name>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="137"/>
        <source>Map: live data unavailable: %1</source>
        <translation>Bản đồ: không có dữ liệu trực tiếp: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="153"/>
        <source>online</source>
        <translation>trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="154"/>
        <source>degraded</source>
        <translation>suy giảm</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="155"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="208"/>
        <source>%1: %2 m, alarm level %3</source>
        <translation>%1: %2 m, báo động %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="212"/>
        <source>%1: AQI %2</source>
        <translation>%1: AQI %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="236"/>
        <source>%1 open alerts at %2; newest: %3</source>
        <translation>%1 cảnh báo chưa xử lý tại %2; mới nhất: %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/map_controller.py" line="262"/>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>PresetController</name>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="107"/>
        <source>Server presets unavailable (%1); showing the copies kept on this workstation.</source>
        <translation>Không tải được bố cục mẫu từ máy chủ (%1); đang hiển thị bản lưu trên máy trạm này.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="176"/>
        <source>That preset is gone.</source>
        <translation>Bố cục mẫu này không còn nữa.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="185"/>
        <location filename="../../console/controllers/preset_controller.py" line="189"/>
        <source>Preset not loaded: %1</source>
        <translation>Không tải được bố cục mẫu: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="195"/>
        <source>Preset %1 is not a valid layout: %2</source>
        <translation>Bố cục mẫu %1 không hợp lệ: %2</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="211"/>
        <source>Preset %1 applied</source>
        <translation>Đã áp dụng bố cục mẫu %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="217"/>
        <source>There is no wall layout to save yet.</source>
        <translation>Chưa có bố cục tường video để lưu.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="230"/>
        <location filename="../../console/controllers/preset_controller.py" line="238"/>
        <location filename="../../console/controllers/preset_controller.py" line="256"/>
        <location filename="../../console/controllers/preset_controller.py" line="273"/>
        <location filename="../../console/controllers/preset_controller.py" line="278"/>
        <source>Preset not saved: %1</source>
        <translation>Không lưu được bố cục mẫu: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="244"/>
        <source>Preset %1 saved</source>
        <translation>Đã lưu bố cục mẫu %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="270"/>
        <source>Preset %1 was changed by someone else meanwhile; the list is reloaded.</source>
        <translation>Bố cục mẫu %1 vừa được người khác thay đổi; danh sách đã được tải lại.</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="281"/>
        <source>Preset %1 updated</source>
        <translation>Đã cập nhật bố cục mẫu %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="298"/>
        <source>Preset not deleted: %1</source>
        <translation>Không xóa được bố cục mẫu: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/preset_controller.py" line="303"/>
        <source>Preset %1 deleted</source>
        <translation>Đã xóa bố cục mẫu %1</translation>
    </message>
</context>
<context>
    <name>PtzOverlayWidget</name>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="67"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="73"/>
        <source>Go to preset</source>
        <translation>Về vị trí đặt sẵn</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="77"/>
        <source>Preset %1</source>
        <translation>Vị trí đặt sẵn %1</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="87"/>
        <source>Zoom in (hold)</source>
        <translation>Phóng to (giữ nút)</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="89"/>
        <source>Zoom out (hold)</source>
        <translation>Thu nhỏ (giữ nút)</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="91"/>
        <source>Tilt up (hold)</source>
        <translation>Ngẩng lên (giữ nút)</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="93"/>
        <source>Tilt down (hold)</source>
        <translation>Cúi xuống (giữ nút)</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="94"/>
        <source>Pan left (hold)</source>
        <translation>Xoay trái (giữ nút)</translation>
    </message>
    <message>
        <location filename="../../widgets/ptz_overlay.py" line="94"/>
        <source>Pan right (hold)</source>
        <translation>Xoay phải (giữ nút)</translation>
    </message>
</context>
<context>
    <name>VideoTileWidget</name>
    <message>
        <location filename="../../widgets/video_tile.py" line="158"/>
        <location filename="../../widgets/video_tile.py" line="248"/>
        <source>No camera</source>
        <translation>Chưa có camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="186"/>
        <source>Drop or pick a camera</source>
        <translation>Kéo thả hoặc chọn một camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="83"/>
        <source>idle</source>
        <translation>chờ</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="84"/>
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="85"/>
        <source>live</source>
        <translation>trực tiếp</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="86"/>
        <source>stalled</source>
        <translation>mất hình</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="87"/>
        <source>reconnecting</source>
        <translation>đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="88"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="168"/>
        <source>Digital zoom: wheel to zoom, drag to pan, Ctrl+0 resets</source>
        <translation>Thu phóng số: lăn chuột để phóng to, kéo để di chuyển, Ctrl+0 để đặt lại</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="516"/>
        <source>Full screen / back (double-click)</source>
        <translation>Toàn màn hình / trở lại (nhấp đúp)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="518"/>
        <source>Save snapshot</source>
        <translation>Lưu ảnh chụp</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="520"/>
        <source>Open in own window</source>
        <translation>Mở trong cửa sổ riêng</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="522"/>
        <source>Reset zoom (Ctrl+0)</source>
        <translation>Đặt lại thu phóng (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="530"/>
        <source>Show KPI chart</source>
        <translation>Hiển thị biểu đồ KPI</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="538"/>
        <source>Show city map</source>
        <translation>Hiển thị bản đồ thành phố</translation>
    </message>
</context>
<context>
    <name>WallController</name>
    <message>
        <location filename="../../console/controllers/wall_controller.py" line="512"/>
        <source>unknown camera</source>
        <translation>camera không xác định</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <location filename="../../console/wall_window.py" line="21"/>
        <source>IOC wall — screen %1</source>
        <translation>Tường video IOC — màn hình %1</translation>
    </message>
</context>
</TS>
